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

import com.marketplace.refunds.shared.ExplainedFailure;

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
        ProcessorReports.Scan scan = ProcessorReports.scan(folder, folder);
        // then: nothing read, and each one said why
        assertThat(readAll(folder)).isEmpty();
        assertThat(scan.reports()).isEmpty();
        assertThat(scan.ignored()).extracting(ProcessorReports.Ignored::name).containsExactly(
                ".settlement_detail_report_batch_4.csv.partial", "STL-20261124.CSV",
                "modifications_not_processed_report_batch_1.csv", "notes.txt", "settlement_detail_report_batch_5.csv.ctl.json",
                "settlement_detail_report_batch_6.csv", "settlement_detail_report_batch_x.csv", "stl-20261124.01.009.CSV");
        assertThat(scan.ignored()).filteredOn(i -> i.name().equals("settlement_detail_report_batch_6.csv"))
                .extracting(ProcessorReports.Ignored::why).containsExactly("named like a report, but not a file");
    }

    @Test
    void warnsAboutNearMissNamesOfReportsDeliveredTwiceOrHalfCopied() throws IOException {
        // given: the names a browser download or an interrupted copy gives a report
        card("settlement_detail_report_batch_1.csv", "RF-C1");
        card("settlement_detail_report_batch_1 (1).csv", "RF-C1");
        paypal("STL-20261125.02.009.CSV.part", "RF-P2");
        // when
        ProcessorReports.Scan scan = ProcessorReports.scan(folder, folder);
        // then
        assertThat(scan.reports()).extracting(p -> p.getFileName().toString())
                .containsExactly("settlement_detail_report_batch_1.csv");
        assertThat(scan.ignored()).extracting(ProcessorReports.Ignored::name, ProcessorReports.Ignored::why).containsExactly(
                tuple("STL-20261125.02.009.CSV.part", "its name is neither settlement_detail_report_batch_<n>.csv nor "
                        + "STL-<yyyymmdd>.<seq>.<version>.CSV"),
                tuple("settlement_detail_report_batch_1 (1).csv", "its name is neither settlement_detail_report_batch_<n>.csv "
                        + "nor STL-<yyyymmdd>.<seq>.<version>.CSV"));
    }

    @Test
    void readsOnlyTheHighestVersionOfAPaypalDateAndSequenceAndSequencesAsNumbers() throws IOException {
        // given
        paypal("STL-20261125.10.009.CSV", "RF-P10");
        paypal("STL-20261125.2.009.CSV", "RF-P2-V9");
        paypal("STL-20261125.2.010.CSV", "RF-P2-V10");
        paypal("STL-20261124.01.002.CSV", "RF-P24");
        // when
        ProcessorReports.Scan scan = ProcessorReports.scan(folder, folder);
        // then
        assertThat(readAll(folder)).extracting(ReportLine::refundId).containsExactly("RF-P24", "RF-P2-V10", "RF-P10");
        assertThat(scan.ignored()).extracting(ProcessorReports.Ignored::name).containsExactly("STL-20261125.2.009.CSV");
        assertThat(scan.ignored().get(0).why()).startsWith("superseded by STL-20261125.2.010.CSV");
    }

    @Test
    void refusesAReportThatIsALinkLeadingOutOfTheInboxNamingTheLinkOnly(@TempDir Path elsewhere) throws IOException {
        // given: the inbox holds processor/, whose report is a link to a file outside the inbox
        Path inbox = folder.resolve("inbox");
        Path processor = Files.createDirectories(inbox.resolve("2026-11-25").resolve("processor"));
        Path secret = Files.writeString(elsewhere.resolve("secret.txt"), "root:x:0:0:4111111111111111\n");
        Files.createSymbolicLink(processor.resolve("settlement_detail_report_batch_1.csv"), secret);
        // when / then
        assertThatThrownBy(() -> ProcessorReports.scan(inbox, processor))
                .isInstanceOf(ExplainedFailure.class)
                .hasMessageContaining("settlement_detail_report_batch_1.csv is a symbolic link that leads outside the inbox")
                .hasMessageNotContaining("secret").hasMessageNotContaining("root:x");
    }

    @Test
    void readsALinkThatStaysInsideTheInbox() throws IOException {
        // given: a report linked from another date's folder of the same inbox
        Path inbox = folder.resolve("inbox");
        Path processor = Files.createDirectories(inbox.resolve("2026-11-25").resolve("processor"));
        Path kept = Files.createDirectories(inbox.resolve("archive"));
        Files.writeString(kept.resolve("batch.csv"), CARD_HEADER + "\nRefunded,RF-C1,EUR,9.99,\n");
        Files.createSymbolicLink(processor.resolve("settlement_detail_report_batch_1.csv"), kept.resolve("batch.csv"));
        // when
        ProcessorReports.Scan scan = ProcessorReports.scan(inbox, processor);
        // then
        assertThat(scan.reports()).hasSize(1);
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
        assertThatThrownBy(() -> ProcessorReports.readAll(ProcessorReports.scan(folder, folder), handedOver::add))
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
        ProcessorReports.readAll(ProcessorReports.scan(folder, folder), lines::add);
        return lines;
    }
}
