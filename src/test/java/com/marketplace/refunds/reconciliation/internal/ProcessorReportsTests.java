package com.marketplace.refunds.reconciliation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of a processor folder are reports, and the order they are read in. */
class ProcessorReportsTests {

    private static final String CARD_HEADER = "Type,Modification Merchant Reference,Gross Currency,Gross Debit (GC),"
            + "Gross Credit (GC)";
    private static final String STL_HEAD = """
            "SH",2026/11/23 00:00:00 -0800,2026/11/23 23:59:59 -0800,"MKTPLACE0001",""
            "CH","Invoice ID","Transaction Event Code","Transaction Debit or Credit","Gross Transaction Amount",\
            "Gross Transaction Currency"
            """;

    @TempDir
    Path folder;

    @Test
    void readsCardReportsByBatchNumberThenPaypalReportsByName() throws IOException {
        // given
        card("settlement_detail_report_batch_10.csv", "RF-C10");
        card("settlement_detail_report_batch_2.csv", "RF-C2");
        card("settlement_detail_report_batch_3.CSV", "RF-C3");
        paypal("STL-20261125.01.009.csv", "RF-P25");
        paypal("STL-20261124.A.01.02.009.CSV", "RF-P24");
        // when
        List<ReportLine> lines = readAll(folder);
        // then
        assertThat(lines).extracting(ReportLine::reportFile, ReportLine::refundId).containsExactly(
                tuple("settlement_detail_report_batch_2.csv", "RF-C2"),
                tuple("settlement_detail_report_batch_3.CSV", "RF-C3"),
                tuple("settlement_detail_report_batch_10.csv", "RF-C10"),
                tuple("STL-20261124.A.01.02.009.CSV", "RF-P24"),
                tuple("STL-20261125.01.009.csv", "RF-P25"));
    }

    @Test
    void leavesOtherFilesAlone() throws IOException {
        // given: none of these is a report, and none is readable as one
        for (String name : List.of("notes.txt", ".settlement_detail_report_batch_4.csv.partial",
                "settlement_detail_report_batch_x.csv", "modifications_not_processed_report_batch_1.csv",
                "stl-20261124.01.009.CSV", "STL-20261124.CSV", "settlement_detail_report_batch_5.csv.ctl.json")) {
            Files.writeString(folder.resolve(name), "\"unterminated\n");
        }
        Files.createDirectory(folder.resolve("settlement_detail_report_batch_6.csv"));
        // when
        List<ReportLine> lines = readAll(folder);
        // then
        assertThat(lines).isEmpty();
    }

    @Test
    void readsNothingWhenThereIsNoProcessorFolder() {
        assertThat(readAll(folder.resolve("processor"))).isEmpty();
    }

    @Test
    void stopsAtTheFirstReportThatCannotBeRead() throws IOException {
        // given
        card("settlement_detail_report_batch_1.csv", "RF-C1");
        Files.writeString(folder.resolve("settlement_detail_report_batch_2.csv"), CARD_HEADER + "\nRefunded,RF-C2\n");
        paypal("STL-20261125.01.009.CSV", "RF-P25");
        List<ReportLine> handedOver = new ArrayList<>();
        // when / then
        assertThatThrownBy(() -> ProcessorReports.readAll(folder, handedOver::add))
                .isInstanceOf(ReportUnreadableException.class)
                .hasMessageContaining("settlement_detail_report_batch_2.csv, line 2: 2 fields where the header has 5");
        assertThat(handedOver).extracting(ReportLine::refundId).containsExactly("RF-C1");
    }

    private void card(String name, String refundId) throws IOException {
        Files.writeString(folder.resolve(name), CARD_HEADER + "\nSettled,,EUR,,9.99\nRefunded," + refundId
                + ",EUR,9.99,\n", StandardCharsets.UTF_8);
    }

    private void paypal(String name, String refundId) throws IOException {
        Files.writeString(folder.resolve(name), STL_HEAD + "\"SB\",\"" + refundId + "\",\"T1107\",\"DR\",999,\"EUR\"\n"
                + "\"SC\",1\n\"FF\",1\n", StandardCharsets.UTF_8);
    }

    private static List<ReportLine> readAll(Path folder) {
        List<ReportLine> lines = new ArrayList<>();
        ProcessorReports.readAll(folder, lines::add);
        return lines;
    }
}
