package com.marketplace.refunds.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Report CSV: UTF-8 without BOM, \n, quoted only when needed, spreadsheet formulas neutralised. */
class ReportCsvTests {

    @TempDir
    Path dir;

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("=SUM(A1:A9)", "'=SUM(A1:A9)"),
                Arguments.of("+1", "'+1"),
                Arguments.of("+CMD|' /C calc'!A0", "'+CMD|' /C calc'!A0"),
                Arguments.of("-abc", "'-abc"),
                Arguments.of("-", "'-"),
                Arguments.of("--2", "'--2"),
                Arguments.of("-1+1", "'-1+1"),
                Arguments.of("-2e3", "'-2e3"),
                Arguments.of("@SUM(1)", "'@SUM(1)"),
                Arguments.of("\t=1", "'\t=1"),
                Arguments.of("\r=1", "'\r=1"),
                // numbers, negative ones included, stay numbers
                Arguments.of("-2", "-2"),
                Arguments.of("-2.50", "-2.50"),
                Arguments.of("12.30", "12.30"),
                Arguments.of("1500", "1500"),
                // only the first character counts
                Arguments.of("a=b", "a=b"),
                Arguments.of(" =1", " =1"),
                Arguments.of("O-1", "O-1"),
                Arguments.of("2026-11-25", "2026-11-25"),
                Arguments.of("", ""),
                Arguments.of(null, ""));
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @MethodSource("cells")
    void neutralisesCellsASpreadsheetWouldRun(String cell, String written) {
        assertThat(ReportCsv.neutralise(cell)).isEqualTo(written);
    }

    @Test
    void writesUtf8WithoutBomWithNewlineEndingsAndQuotesOnlyWhenNeeded() throws IOException {
        // given
        Path target = dir.resolve("2026-11-25").resolve("report.csv");
        // when
        ReportCsv.write(target, new String[] {"key", "amount", "detail"}, csv -> {
            csv.row("CANCEL:C1", "12.30", "plain");
            csv.row("a,b", "-2", "say \"hi\"");
            csv.row("two\nlines", null, "€ café");
            csv.row("=1+2", "", "@x");
        });
        // then
        byte[] bytes = Files.readAllBytes(target);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("""
                key,amount,detail
                CANCEL:C1,12.30,plain
                "a,b",-2,"say ""hi\"""
                "two
                lines",,€ café
                '=1+2,,'@x
                """);
        assertThat(bytes).startsWith("key".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\r");
    }

    @Test
    void quotesANeutralisedCarriageReturnCell() throws IOException {
        // given
        Path target = dir.resolve("cr.csv");
        // when
        ReportCsv.write(target, new String[] {"detail"}, csv -> csv.row("\rx"));
        // then
        assertThat(Files.readString(target)).isEqualTo("detail\n\"'\rx\"\n");
    }

    @Test
    void countsTheRowsWrittenWithoutTheHeader() {
        long rows = ReportCsv.write(dir.resolve("count.csv"), new String[] {"a"}, csv -> {
            csv.row("1");
            csv.row("2");
        });

        assertThat(rows).isEqualTo(2);
    }

    @Test
    void showsTheFileUnderItsFinalNameOnlyOnceComplete() throws IOException {
        // given
        Path target = dir.resolve("decisions.csv");
        // when
        ReportCsv.write(target, new String[] {"refund_key"}, csv -> {
            csv.row("CANCEL:C1");
            // then, while it is being written
            assertThat(target).doesNotExist();
        });
        // then
        assertThat(Files.readString(target)).isEqualTo("refund_key\nCANCEL:C1\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void publishesNothingWhenTheRowsFailHalfWay() throws IOException {
        // given an earlier, complete report
        Path target = dir.resolve("decisions.csv");
        Files.writeString(target, "refund_key\nCANCEL:C0\n");
        // when the rows stop on an error half-way
        assertThatThrownBy(() -> ReportCsv.write(target, new String[] {"refund_key"}, csv -> {
            csv.row("CANCEL:C1");
            throw new IllegalStateException("database connection lost");
        })).hasMessage("database connection lost");
        // then the earlier report stands, and no partial file is left
        assertThat(Files.readString(target)).isEqualTo("refund_key\nCANCEL:C0\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void replacesAnEarlierFileOfTheSameName() throws IOException {
        // given a report left by an earlier attempt
        Path target = dir.resolve("decisions.csv");
        Files.writeString(target, "old\nrows\nfrom an earlier attempt\n");
        // when
        ReportCsv.write(target, new String[] {"refund_key"}, csv -> csv.row("CANCEL:C2"));
        // then
        assertThat(Files.readString(target)).isEqualTo("refund_key\nCANCEL:C2\n");
    }
}
