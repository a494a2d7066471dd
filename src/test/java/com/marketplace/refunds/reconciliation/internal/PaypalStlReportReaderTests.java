package com.marketplace.refunds.reconciliation.internal;

import static com.marketplace.refunds.reconciliation.internal.CardSettlementReportReaderTests.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
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

/** PayPal's STL: T1107 rows of every section, by the column names of the section's CH row. */
class PaypalStlReportReaderTests {

    private static final String HEAD = """
            "RH",2026/11/24 02:21:10 -0800,"A","MKTPLACE0001",009
            "FH",01
            "SH",2026/11/23 00:00:00 -0800,2026/11/23 23:59:59 -0800,"MKTPLACE0001",""
            "CH","Transaction ID","Invoice ID","PayPal Reference ID","PayPal Reference ID Type","Transaction Event Code",\
            "Transaction Initiation Date","Transaction Completion Date","Transaction  Debit or Credit",\
            "Gross Transaction Amount","Gross Transaction Currency","Fee Debit or Credit","Fee Amount","Fee Currency",\
            "Custom Field","Consumer ID","Payment Tracking ID","Store ID","Bank Reference ID",\
            "Credit Transactional Fee","Credit Promotional Fee","Credit Term"
            """;
    private static final String REFUND_ID = "RF-DAEC60D4351286C303F7";

    @TempDir
    Path folder;

    @Test
    void readsTheT1107RowsOfAFullReportWithAByteOrderMark() throws Exception {
        // when
        List<ReportLine> lines = read(fixture("paypal/STL-20261124.01.009.CSV"));
        // then: the T0006 payment and the T0200 conversion are skipped
        String file = "STL-20261124.01.009.CSV";
        assertThat(lines).extracting(CardSettlementReportReaderTests::view).containsExactly(
                tuple("PAYPAL", file, 6, REFUND_ID, Kind.CONFIRMED, "USD", new BigDecimal("12.30")),
                tuple("PAYPAL", file, 7, "RF-5B1E0C2F77A4D9E3B810", Kind.CONFIRMED, "JPY", new BigDecimal("150.00")),
                tuple("PAYPAL", file, 9, "RF-9C0D1E2F3A4B5C6D7E8F", Kind.CONFIRMED, "EUR", new BigDecimal("45.00")),
                tuple("PAYPAL", file, 10, "RF-A1B2C3D4E5F60718293A", Kind.CONFIRMED, "USD", new BigDecimal("-9.90")));
    }

    @Test
    void readsAnAmountWithTwoImpliedDecimalsWhateverTheCurrency() throws IOException {
        // given: JPY 15000 is 150 yen
        Path report = report(refundRow(REFUND_ID, "\"DR\"", "15000", "JPY"));
        // when
        List<ReportLine> lines = read(report);
        // then
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.amount()).isEqualTo(new BigDecimal("150.00"));
            assertThat(line.amount()).isEqualByComparingTo("150");
        });
    }

    @Test
    void acceptsUnquotedTextAndGivesACreditANegativeAmount() throws IOException {
        // given: T1107 and CR without quotes
        Path report = report(refundRow(REFUND_ID, "CR", "990", "USD").replace("\"T1107\"", "T1107"));
        // when
        List<ReportLine> lines = read(report);
        // then
        assertThat(lines).singleElement().extracting(ReportLine::amount).isEqualTo(new BigDecimal("-9.90"));
    }

    @Test
    void readsATrimmedReportStartingAtSectionHeaderWithSectionsOfTheirOwnColumns() throws Exception {
        // given: section 1 has reordered and extra columns and a single-spaced "Transaction Debit or Credit",
        // section 2 the usual ones with two spaces
        Path report = fixture("paypal-trimmed/STL-20261125.01.009.CSV");
        // when
        List<ReportLine> lines = read(report);
        // then
        String file = "STL-20261125.01.009.CSV";
        assertThat(lines).extracting(CardSettlementReportReaderTests::view).containsExactly(
                tuple("PAYPAL", file, 3, "RF-1C2D3E4F5A6B7C8D9E0F", Kind.CONFIRMED, "GBP", new BigDecimal("25.99")),
                tuple("PAYPAL", file, 9, "RF-2D3E4F5A6B7C8D9E0F1A", Kind.CONFIRMED, "USD", new BigDecimal("1.00")));
    }

    @Test
    void keepsQuotedFieldsWithCommasInOneField() throws IOException {
        // given
        Path report = report(refundRow(REFUND_ID, "\"DR\"", "1230", "USD").replace(",\"\",\"\",\"\",\"\"\n",
                ",\"gift wrap, red\",\"\",\"\",\"\"\n"));
        // when
        List<ReportLine> lines = read(report);
        // then
        assertThat(lines).singleElement().extracting(ReportLine::line, ReportLine::refundId).containsExactly(5, REFUND_ID);
    }

    static Stream<Arguments> malformedRows() {
        String good = refundRow(REFUND_ID, "\"DR\"", "1230", "USD");
        return Stream.of(
                Arguments.of(good.replace("\"SB\"", "\"XX\""), "whose first field is not a record type"),
                Arguments.of(good.replace(",1230,", ",12.30,"), "the Gross Transaction Amount of a refund row is not an amount"),
                Arguments.of(good.replace(",1230,", ",-1230,"), "the Gross Transaction Amount of a refund row"),
                Arguments.of(good.replace(",1230,", ",,"), "the Gross Transaction Amount of a refund row"),
                Arguments.of(good.replace(",\"\"\n", "\n"), "21 fields where the CH row of line 4 has 22"),
                Arguments.of(good.replace("\"USD\",\"CR\"", "\"USD\",\"CR\",\"\""), "23 fields where the CH row of line 4 has 22"),
                Arguments.of(good.replace("\"DR\"", "\"XR\""), "the Transaction Debit or Credit of a refund row is neither DR nor CR"),
                Arguments.of(good.replace("\"USD\"", "\"US\""), "the Gross Transaction Currency of a refund row is not a known"),
                Arguments.of(good.replace("\"TXN\"", "\"TXN"), "a quoted field is not closed"));
    }

    @ParameterizedTest
    @MethodSource("malformedRows")
    void refusesAMalformedRowNamingTheFileAndTheLine(String badRow, String problem) throws IOException {
        // given: a good refund on line 5, the bad row on line 6
        Path report = write(HEAD + refundRow("RF-0F3A9C21D6E84B7750AA", "\"DR\"", "500", "EUR") + badRow);
        List<ReportLine> handedOver = new ArrayList<>();
        // when / then
        assertThatThrownBy(() -> PaypalStlReportReader.read(report, handedOver::add))
                .isInstanceOf(ReportUnreadableException.class)
                .hasMessageStartingWith("processor report STL-20261124.01.009.CSV, line 6: ")
                .hasMessageContaining(problem);
        assertThat(handedOver).extracting(ReportLine::line).containsExactly(5);
    }

    @Test
    void refusesABodyRowBeforeAnyColumnHeader() throws IOException {
        // given
        Path report = write("\"FH\",01\n\"SH\",2026/11/23 00:00:00 -0800,2026/11/23 23:59:59 -0800,\"A1\",\"\"\n"
                + refundRow(REFUND_ID, "\"DR\"", "1230", "USD"));
        // when / then
        assertThatThrownBy(() -> read(report)).isInstanceOf(ReportUnreadableException.class)
                .hasMessageContaining("STL-20261124.01.009.CSV, line 3: an SB row before the CH row");
    }

    @Test
    void refusesABodyRowOfANewSectionBeforeItsColumnHeader() throws IOException {
        // given: the second section has no CH row of its own
        Path report = report(refundRow(REFUND_ID, "\"DR\"", "1230", "USD"),
                "\"SH\",2026/11/24 00:00:00 -0800,2026/11/24 23:59:59 -0800,\"A2\",\"\"\n",
                refundRow("RF-0F3A9C21D6E84B7750AA", "\"DR\"", "1230", "USD"));
        // when / then
        assertThatThrownBy(() -> read(report)).isInstanceOf(ReportUnreadableException.class)
                .hasMessageContaining("line 7: an SB row before the CH row");
    }

    @Test
    void refusesAColumnHeaderWithoutARequiredColumn() throws IOException {
        // given
        Path report = write(HEAD.replace("\"Invoice ID\"", "\"Invoice\""));
        // when / then
        assertThatThrownBy(() -> read(report)).isInstanceOf(ReportUnreadableException.class)
                .hasMessageContaining("STL-20261124.01.009.CSV, line 4: the header has no column 'Invoice ID'");
    }

    @Test
    void handsOverARefundRowWithoutAnInvoiceIdAsOneThatNamesNoRefund() throws IOException {
        // given: a refund made in PayPal's web interface carries no invoice id
        Path report = report(refundRow("", "\"DR\"", "1230", "USD"));
        // when
        List<ReportLine> lines = read(report);
        // then
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.hasReference()).isFalse();
            assertThat(line.amount()).isEqualByComparingTo("12.30");
        });
    }

    @Test
    void identifiesAnEventByItsTransactionIdWhateverTheFileAndLine() throws IOException {
        // given: the same transaction twice, and another transaction for the same refund
        Path report = report(refundRow(REFUND_ID, "\"DR\"", "1230", "USD"), refundRow(REFUND_ID, "\"DR\"", "1230", "USD"),
                refundRow(REFUND_ID, "\"DR\"", "1230", "USD").replace("7KJ12345AB6789012", "7KJ12345AB6789013"));
        // when
        List<ReportLine> lines = read(report);
        // then
        assertThat(lines.get(1).eventKey()).isEqualTo(lines.get(0).eventKey());
        assertThat(lines.get(2).eventKey()).isNotEqualTo(lines.get(0).eventKey());
    }

    @Test
    void neverRepeatsTheCellThatCannotBeRead() throws IOException {
        // given: a card number where the record type and the currency belong
        for (String row : List.of(refundRow(REFUND_ID, "\"DR\"", "1230", "4111111111111111"),
                refundRow(REFUND_ID, "\"DR\"", "1230", "USD").replace("\"SB\"", "\"4111111111111111\""))) {
            Path report = report(row);
            // when / then
            assertThatThrownBy(() -> read(report)).isInstanceOf(ReportUnreadableException.class)
                    .hasMessageContaining("line 5").hasMessageNotContaining("1111");
        }
    }

    /** An SB row under {@link #HEAD}'s columns; {@code direction} as written, quoted or not. */
    static String refundRow(String invoiceId, String direction, String amount, String currency) {
        return "\"SB\",\"7KJ12345AB6789012\",\"" + invoiceId + "\",\"9XT81234LM5678901\",\"TXN\",\"T1107\","
                + "2026/11/23 09:15:30 -0800,2026/11/23 09:15:30 -0800," + direction + "," + amount + ",\"" + currency
                + "\",\"CR\",0,\"" + currency + "\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n";
    }

    private Path report(String... rows) throws IOException {
        return write(HEAD + String.join("", rows) + "\"SC\",1\n\"FF\",1\n");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(folder.resolve("STL-20261124.01.009.CSV"), text, StandardCharsets.UTF_8);
    }

    private static List<ReportLine> read(Path report) {
        List<ReportLine> lines = new ArrayList<>();
        PaypalStlReportReader.read(report, lines::add);
        return lines;
    }
}
