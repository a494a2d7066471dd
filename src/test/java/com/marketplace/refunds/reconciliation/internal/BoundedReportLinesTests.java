package com.marketplace.refunds.reconciliation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor report's line is bounded while it is read (the money-safety issue): a line longer than any
 * real report's makes the report unreadable, naming the line, and is never held whole in memory.
 */
class BoundedReportLinesTests {

    private static final String CARD_HEADER = "Type,Modification Merchant Reference,Gross Currency,Gross Debit (GC),"
            + "Gross Credit (GC)";

    @TempDir
    Path folder;

    @Test
    void aLineLongerThanTheBoundMakesTheReportUnreadableNamingTheLine() throws IOException {
        Path report = folder.resolve("settlement_detail_report_batch_1.csv");
        try (Writer out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
            out.write(CARD_HEADER + "\nRefunded,RF-C1,EUR,9.99,\nRefunded,RF-");
            for (int i = 0; i < 3 * BoundedLines.MAX_LINE_CHARS; i++) {
                out.write('7');
            }
            out.write(",EUR,9.99,\n");
        }
        List<ReportLine> handedOver = new ArrayList<>();

        assertThatThrownBy(() -> ProcessorReports.readAll(ProcessorReports.scan(folder, folder), handedOver::add))
                .isInstanceOf(ReportUnreadableException.class)
                .hasMessageContaining("settlement_detail_report_batch_1.csv, line 3: the line is longer than "
                        + BoundedLines.MAX_LINE_CHARS + " characters");
    }

    @Test
    void anEndlessLineIsRefusedAfterTheBoundNotReadToItsEnd() {
        CountingEndlessLine endless = new CountingEndlessLine();
        BufferedReader lines = new BufferedReader(new BoundedLines(endless));

        assertThatThrownBy(lines::readLine).isInstanceOf(BoundedLines.LineTooLongException.class);
        assertThat(endless.handedOut).isLessThan(BoundedLines.MAX_LINE_CHARS + 2 * 65_536L);
    }

    @Test
    void linesWithinTheBoundAreReadAsTheyAre() throws IOException {
        String longest = "x".repeat(BoundedLines.MAX_LINE_CHARS);
        BufferedReader lines = new BufferedReader(new BoundedLines(new StringReader("a,b\r\n" + longest + "\n\nlast")));

        assertThat(lines.readLine()).isEqualTo("a,b");
        assertThat(lines.readLine()).isEqualTo(longest);
        assertThat(lines.readLine()).isEmpty();
        assertThat(lines.readLine()).isEqualTo("last");
        assertThat(lines.readLine()).isNull();
    }

    /** A line that never ends, counting what was read of it. */
    private static final class CountingEndlessLine extends Reader {
        long handedOut;

        @Override
        public int read(char[] buffer, int offset, int length) {
            java.util.Arrays.fill(buffer, offset, offset + length, 'x');
            handedOut += length;
            return length;
        }

        @Override
        public void close() {
        }
    }
}
