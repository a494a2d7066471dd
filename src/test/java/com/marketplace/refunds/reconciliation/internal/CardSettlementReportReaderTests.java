package com.marketplace.refunds.reconciliation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.marketplace.refunds.reconciliation.internal.ReportLine.Kind;

/** Adyen's settlement details report: refund lines by column name, everything else skipped. */
class CardSettlementReportReaderTests {

    private static final String CLASSIC_HEADER = "Company Account,Merchant Account,Psp Reference,Merchant Reference,"
            + "Payment Method,Creation Date,TimeZone,Type,Modification Reference,Gross Currency,Gross Debit (GC),"
            + "Gross Credit (GC),Exchange Rate,Net Currency,Net Debit (NC),Net Credit (NC),Commission (NC),"
            + "Markup (NC),Scheme Fees (NC),Interchange (NC),Payment Method Variant,"
            + "Modification Merchant Reference,Batch Number,Reserved4,Reserved5,Reserved6,Reserved7,Reserved8,"
            + "Reserved9,Reserved10";
    private static final String REFUND_ID = "RF-DAEC60D4351286C303F7";

    @TempDir
    Path folder;

    @Test
    void readsRefundedAndRefundedReversedLinesAndSkipsEveryOtherType() throws Exception {
        // when
        List<ReportLine> lines = read(fixture("card/settlement_detail_report_batch_7.csv"));
        // then: Settled, Chargeback, Fee, DepositCorrection and MerchantPayout are skipped
        String file = "settlement_detail_report_batch_7.csv";
        assertThat(lines).extracting(CardSettlementReportReaderTests::view).containsExactly(
                tuple("CARD", file, 3, REFUND_ID, Kind.CONFIRMED, "USD", new BigDecimal("12.30")),
                tuple("CARD", file, 4, "RF-5B1E0C2F77A4D9E3B810", Kind.CONFIRMED, "JPY", new BigDecimal("1500")),
                tuple("CARD", file, 6, "RF-0F3A9C21D6E84B7750AA", Kind.CONFIRMED, "BHD", new BigDecimal("11.125")),
                tuple("CARD", file, 7, REFUND_ID, Kind.REVERSED, "USD", new BigDecimal("12.30")));
        assertThat(lines).extracting(ReportLine::eventKey).doesNotHaveDuplicates().allMatch(k -> k.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    }

    @Test
    void readsANewerLayoutWithAByteOrderMarkExtraAndReorderedColumnsAndAFieldSpanningLines() throws Exception {
        // given: BOM, Type first, Gross Credit before Gross Debit, "Gross  Debit (GC)" and "gross currency",
        // Booking Date, Metadata, ARN; the Settled line's Metadata holds a comma and a line break (lines 2-3)
        Path report = fixture("card-newer-layout/settlement_detail_report_batch_8.csv");
        // when
        List<ReportLine> lines = read(report);
        // then
        String file = "settlement_detail_report_batch_8.csv";
        assertThat(lines).extracting(CardSettlementReportReaderTests::view).containsExactly(
                tuple("CARD", file, 4, "RF-9C0D1E2F3A4B5C6D7E8F", Kind.CONFIRMED, "EUR", new BigDecimal("45.00")),
                tuple("CARD", file, 5, "RF-A1B2C3D4E5F60718293A", Kind.CONFIRMED, "USD", new BigDecimal("7.05")));
    }

    @Test
    void keepsQuotedFieldsWithCommasInOneField() throws IOException {
        // given
        Path report = report(CLASSIC_HEADER, refundLine("Refunded", "\"" + REFUND_ID + "\"", "USD", "12.30", "")
                .replace("ORD-10017", "\"ORD-10017, second parcel\""));
        // when
        List<ReportLine> lines = read(report);
        // then
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.refundId()).isEqualTo(REFUND_ID);
            assertThat(line.amount()).isEqualByComparingTo("12.30");
        });
    }

    @Test
    void handsOverAReversalAfterTheConfirmationItFollows() throws IOException {
        // given
        Path report = report(CLASSIC_HEADER, refundLine("Refunded", REFUND_ID, "EUR", "80.00", ""),
                refundLine("RefundedReversed", REFUND_ID, "EUR", "", "80.00"));
        // when
        List<ReportLine> lines = read(report);
        // then
        assertThat(lines).extracting(ReportLine::kind, ReportLine::line, ReportLine::amount)
                .containsExactly(tuple(Kind.CONFIRMED, 2, new BigDecimal("80.00")),
                        tuple(Kind.REVERSED, 3, new BigDecimal("80.00")));
    }

    @Test
    void givesARefundWrittenInTheWrongDirectionANegativeAmount() throws IOException {
        // given: a Refunded line whose amount sits in Gross Credit
        Path report = report(CLASSIC_HEADER, refundLine("Refunded", REFUND_ID, "USD", "", "12.30"));
        // when
        List<ReportLine> lines = read(report);
        // then: it can never agree with a refund of ours
        assertThat(lines).singleElement().extracting(ReportLine::amount).isEqualTo(new BigDecimal("-12.30"));
    }

    @Test
    void skipsBlankLinesAndReadsWindowsLineEndings() throws IOException {
        // given
        Path report = write("settlement_detail_report_batch_1.csv", CLASSIC_HEADER + "\r\n\r\n"
                + refundLine("Refunded", REFUND_ID, "USD", "1.00", "") + "\r\n\r\n");
        // when
        List<ReportLine> lines = read(report);
        // then
        assertThat(lines).singleElement().extracting(ReportLine::line).isEqualTo(3);
    }

    static Stream<Arguments> malformedLines() {
        return Stream.of(
                Arguments.of(refundLine("Refunded", REFUND_ID, "USD", "12.30", "").replace("ORD-10017", "\"ORD-10017"),
                        "a quoted field is not closed"),
                Arguments.of(refundLine("Refunded", REFUND_ID, "USD", "12.30", "").replace(",visacredit", ""),
                        "29 fields where the header has 30"),
                Arguments.of(refundLine("Refunded", REFUND_ID, "USD", "12,30", ""), "32 fields where the header has 30"),
                Arguments.of(refundLine("Refunded", REFUND_ID, "USD", "1e3", ""),
                        "the Gross Debit (GC) of a refund line is not a decimal amount"),
                Arguments.of(refundLine("Refunded", REFUND_ID, "USD", "-5.00", ""), "the Gross Debit (GC) of a refund line"),
                Arguments.of(refundLine("RefundedReversed", REFUND_ID, "USD", "", "12.3.0"),
                        "the Gross Credit (GC) of a refund line is not a decimal"),
                Arguments.of(refundLine("Refunded", REFUND_ID, "ZZZ", "12.30", ""),
                        "the Gross Currency of a refund line is not a known currency"),
                Arguments.of(refundLine("Refunded", REFUND_ID, "USD", "", ""), "neither Gross Debit (GC) nor"),
                Arguments.of(refundLine("Refunded", REFUND_ID, "USD", "1.00", "1.00"), "both Gross Debit (GC) and"));
    }

    @ParameterizedTest
    @MethodSource("malformedLines")
    void refusesAMalformedLineNamingTheFileAndTheLine(String badLine, String problem) throws IOException {
        // given: a good refund on line 2, the bad one on line 3
        Path report = report(CLASSIC_HEADER, refundLine("Refunded", "RF-0F3A9C21D6E84B7750AA", "EUR", "5.00", ""),
                badLine);
        List<ReportLine> handedOver = new ArrayList<>();
        // when / then
        assertThatThrownBy(() -> CardSettlementReportReader.read(report, handedOver::add))
                .isInstanceOf(ReportUnreadableException.class)
                .hasMessageStartingWith("processor report settlement_detail_report_batch_3.csv, line 3: ")
                .hasMessageContaining(problem)
                .hasMessageContaining("nothing of this run was applied");
        assertThat(handedOver).extracting(ReportLine::line).containsExactly(2);
    }

    @Test
    void refusesAHeaderWithoutARequiredColumn() throws IOException {
        // given
        Path report = report(CLASSIC_HEADER.replace("Gross Currency,", "Currency,"));
        // when / then
        assertThatThrownBy(() -> read(report))
                .isInstanceOf(ReportUnreadableException.class)
                .hasMessageStartingWith("processor report settlement_detail_report_batch_3.csv, line 1: ")
                .hasMessageContaining("no column 'Gross Currency'");
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        // given
        Path report = write("settlement_detail_report_batch_4.csv", "");
        // when / then
        assertThatThrownBy(() -> read(report)).isInstanceOf(ReportUnreadableException.class)
                .hasMessageContaining("settlement_detail_report_batch_4.csv, line 1: the file is empty");
    }

    @Test
    void refusesTextThatIsNotUtf8() throws IOException {
        // given: a Latin-1 byte on line 2
        Path report = folder.resolve("settlement_detail_report_batch_5.csv");
        Files.write(report, (CLASSIC_HEADER + "\n" + refundLine("Refunded", REFUND_ID, "USD", "1.00", "")
                .replace("ORD-10017", "ORD-\u00e9") + "\n").getBytes(StandardCharsets.ISO_8859_1));
        // when / then
        assertThatThrownBy(() -> read(report)).isInstanceOf(ReportUnreadableException.class)
                .hasMessageContaining("settlement_detail_report_batch_5.csv, line 2: the text is not valid UTF-8");
    }

    @Test
    void namesTheLineOfABadByteFarIntoTheFile() throws IOException {
        // given: 600 good lines (far more than one read-ahead buffer), then a Latin-1 byte on line 602
        String good = refundLine("Refunded", REFUND_ID, "USD", "1.00", "") + "\n";
        Path report = folder.resolve("settlement_detail_report_batch_6.csv");
        Files.write(report, (CLASSIC_HEADER + "\n" + good.repeat(600) + good.replace("ORD-10017", "ORD-\u00e9"))
                .getBytes(StandardCharsets.ISO_8859_1));
        // when / then
        assertThatThrownBy(() -> read(report)).isInstanceOf(ReportUnreadableException.class)
                .hasMessageContaining("settlement_detail_report_batch_6.csv, line 602: the text is not valid UTF-8");
    }

    @Test
    void neverRepeatsTheCellThatCannotBeReadItMayHoldACardNumber() throws IOException {
        // given: a card number where the currency belongs, and one where the amount belongs
        for (String line : List.of(refundLine("Refunded", REFUND_ID, "4111111111111111", "12.30", ""),
                refundLine("Refunded", REFUND_ID, "USD", "4111111111111111.0.1", ""))) {
            Path report = report(CLASSIC_HEADER, line);
            // when / then
            assertThatThrownBy(() -> read(report)).isInstanceOf(ReportUnreadableException.class)
                    .hasMessageContaining("settlement_detail_report_batch_3.csv, line 2")
                    .hasMessageNotContaining("4111").hasMessageNotContaining("1111");
        }
    }

    @Test
    void handsOverARefundLineWithoutAMerchantReferenceAsOneThatNamesNoRefund() throws IOException {
        // given: Adyen's refunds made in the Customer Area have no merchant reference (the minimal report of the issue)
        Path report = write("settlement_detail_report_batch_3.csv", "Type,Modification Merchant Reference,Gross Currency,"
                + "Gross Debit (GC),Gross Credit (GC)\nRefunded,,EUR,50.00,\n");
        // when
        List<ReportLine> lines = read(report);
        // then
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.hasReference()).isFalse();
            assertThat(line.kind()).isEqualTo(Kind.CONFIRMED);
            assertThat(line.amount()).isEqualByComparingTo("50.00");
        });
    }

    @Test
    void handsOverRefundLinesOfOtherTypesAsUnhandledNeverSkipped() throws IOException {
        // given
        Path report = report(CLASSIC_HEADER, refundLine("RefundedBulk", REFUND_ID, "USD", "12.30", ""),
                refundLine("RefundedExternally", "", "EUR", "", ""), refundLine("Settled", "", "EUR", "", "9.00"));
        // when
        List<ReportLine> lines = read(report);
        // then
        assertThat(lines).extracting(ReportLine::kind, ReportLine::processorType, ReportLine::refundId, ReportLine::amount)
                .containsExactly(tuple(Kind.UNHANDLED, "RefundedBulk", REFUND_ID, new BigDecimal("12.30")),
                        tuple(Kind.UNHANDLED, "RefundedExternally", "", null));
    }

    @Test
    void identifiesAnEventByItsTypeAndModificationReferenceWhateverTheReportAndLine() throws IOException {
        // given: the same refund event in two reports on different lines, a second payment under another
        // modification reference, and the same line in a report without the column
        Path first = write("settlement_detail_report_batch_1.csv", CLASSIC_HEADER + "\n"
                + refundLine("Refunded", REFUND_ID, "USD", "1.00", "") + "\n");
        Path again = write("settlement_detail_report_batch_2.csv", CLASSIC_HEADER + "\n"
                + refundLine("Settled", "", "USD", "", "5.00") + "\n" + refundLine("Refunded", REFUND_ID, "USD", "1.00", "")
                + "\n" + refundLine("Refunded", REFUND_ID, "USD", "1.00", "").replace(",8825035001220190,", ",8825035001220191,")
                + "\n" + refundLine("RefundedReversed", REFUND_ID, "USD", "", "1.00") + "\n");
        // when
        List<ReportLine> lines = new ArrayList<>(read(first));
        lines.addAll(read(again));
        // then
        assertThat(lines).extracting(ReportLine::line).containsExactly(2, 3, 4, 5);
        assertThat(lines.get(1).eventKey()).isEqualTo(lines.get(0).eventKey());
        assertThat(lines.get(2).eventKey()).isNotEqualTo(lines.get(0).eventKey());
        assertThat(lines.get(3).eventKey()).as("a reversal under the same reference is another event")
                .isNotEqualTo(lines.get(0).eventKey());
    }

    @Test
    void identifiesALineWithoutAModificationReferenceByItsWholeText() throws IOException {
        // given: no Modification Reference column: the same line twice is one event, another line another
        String header = "Type,Modification Merchant Reference,Gross Currency,Gross Debit (GC),Gross Credit (GC)";
        Path report = write("settlement_detail_report_batch_9.csv", header + "\nRefunded," + REFUND_ID + ",EUR,5.00,\n"
                + "Refunded," + REFUND_ID + ",EUR,5.00,\nRefunded," + REFUND_ID + ",EUR,6.00,\n");
        // when
        List<ReportLine> lines = read(report);
        // then
        assertThat(lines.get(1).eventKey()).isEqualTo(lines.get(0).eventKey());
        assertThat(lines.get(2).eventKey()).isNotEqualTo(lines.get(0).eventKey());
    }

    static org.assertj.core.groups.Tuple view(ReportLine line) {
        return tuple(line.paymentMethod(), line.reportFile(), line.line(), line.refundId(), line.kind(), line.currency(),
                line.amount());
    }

    /** A line of the classic layout; empty amounts leave their column empty. */
    static String refundLine(String type, String merchantReference, String currency, String debit, String credit) {
        return "MarketplaceCompany,MarketplaceEU,8815031208830052,ORD-10017,visa,2026-11-23 10:01:12,CET," + type
                + ",8825035001220190," + currency + "," + debit + "," + credit + ",1," + currency + "," + debit + ","
                + credit + ",,,,,visacredit," + merchantReference + ",7,,,,,,,";
    }

    private Path report(String... lines) throws IOException {
        return write("settlement_detail_report_batch_3.csv", String.join("\n", lines) + "\n");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(CardSettlementReportReaderTests.class.getResource("/reconciliation/" + name).toURI());
    }

    private static List<ReportLine> read(Path report) {
        List<ReportLine> lines = new ArrayList<>();
        CardSettlementReportReader.read(report, lines::add);
        return lines;
    }
}
