package com.marketplace.refunds.simulate.processor;

import static com.marketplace.refunds.simulate.processor.SimulatedLine.DIGITS;
import static com.marketplace.refunds.simulate.processor.SimulatedLine.LETTERS_AND_DIGITS;
import static com.marketplace.refunds.simulate.processor.SimulatedLine.randomCode;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;

/**
 * Writes a PayPal settlement report (STL, version 009) for one account and one day: RH, FH, SH,
 * CH, the SB rows (a few {@code T0006} payments, then every refund given as {@code T1107 DR}),
 * SF per currency, SC, RF per currency, RC, FF. Text fields quoted, numbers and dates not;
 * amounts without a decimal point, two implied decimals for every currency (1500 yen is
 * {@code 150000}). The CH row spells {@code Transaction  Debit or Credit} with two spaces, as
 * real files do.
 */
public final class SimulatedStlReport {

    static final List<String> COLUMNS = List.of("Transaction ID", "Invoice ID", "PayPal Reference ID",
            "PayPal Reference ID Type", "Transaction Event Code", "Transaction Initiation Date",
            "Transaction Completion Date", "Transaction  Debit or Credit", "Gross Transaction Amount",
            "Gross Transaction Currency", "Fee Debit or Credit", "Fee Amount", "Fee Currency", "Custom Field",
            "Consumer ID", "Payment Tracking ID", "Store ID", "Bank Reference ID", "Credit Transactional Fee",
            "Credit Promotional Fee", "Credit Term");
    private static final String ACCOUNT = "MKTPLACE0001";
    private static final ZoneOffset PACIFIC = ZoneOffset.ofHours(-8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss Z");
    private static final int GROSS_CREDIT = 0;
    private static final int GROSS_DEBIT = 1;
    private static final int FEE_CREDIT = 2;
    private static final int FEE_DEBIT = 3;

    private final Writer out;
    private final SplittableRandom random;
    private final SortedMap<String, long[]> totalsByCurrency = new TreeMap<>();
    private OffsetDateTime clock;
    private int bodyRows;

    private SimulatedStlReport(Writer out, LocalDate reportDate, SplittableRandom random) {
        this.out = out;
        this.random = random;
        this.clock = reportDate.minusDays(1).atTime(0, 10).atOffset(PACIFIC);
    }

    /** Writes the report to {@code out} (flushed, left open). */
    public static void write(Writer out, List<SimulatedLine> refundLines, LocalDate reportDate,
                             SplittableRandom random) throws IOException {
        SimulatedStlReport report = new SimulatedStlReport(out, reportDate, random);
        OffsetDateTime dayStart = reportDate.minusDays(1).atStartOfDay().atOffset(PACIFIC);
        report.row("RH", TIME.format(reportDate.atTime(2, 21, 10).atOffset(PACIFIC)), q("A"), q(ACCOUNT), "009");
        report.row("FH", "01");
        report.row("SH", TIME.format(dayStart), TIME.format(dayStart.plusDays(1).minusSeconds(1)), q(ACCOUNT), q(""));
        report.row("CH", COLUMNS.stream().map(SimulatedStlReport::q).toArray(String[]::new));
        List<String> currencies = refundLines.stream().map(SimulatedLine::currency).distinct().sorted().toList();
        for (int i = 0; i < 2 + refundLines.size() / 10; i++) {
            report.writePayment(currencies.isEmpty() ? "USD" : currencies.get(random.nextInt(currencies.size())));
        }
        for (SimulatedLine line : refundLines) {
            report.writeRefund(line);
        }
        report.writeFooters();
        out.flush();
    }

    private void writePayment(String currency) throws IOException {
        long gross = random.nextLong(100, 50_000);
        long fee = 30 + gross * 29 / 1000;
        body(randomCode(random, 17, LETTERS_AND_DIGITS), "ORD-" + randomCode(random, 8, DIGITS), "", "", "T0006",
                "CR", gross, currency, "DR", fee);
    }

    private void writeRefund(SimulatedLine line) throws IOException {
        body(randomCode(random, 17, LETTERS_AND_DIGITS), line.refundId(), line.paymentReference(), "TXN", "T1107",
                "DR", impliedDecimals(line.amountMinor(), line.currency()), line.currency(), "CR", 0);
    }

    private void body(String transactionId, String invoiceId, String reference, String referenceType,
                      String eventCode, String direction, long amount, String currency, String feeDirection,
                      long fee) throws IOException {
        clock = clock.plusSeconds(random.nextInt(1, 40));
        String time = TIME.format(clock);
        List<String> fields = new ArrayList<>(List.of(q(transactionId), q(invoiceId), q(reference),
                q(referenceType), q(eventCode), time, time, q(direction), Long.toString(amount), q(currency),
                q(feeDirection), Long.toString(fee), q(currency)));
        while (fields.size() < COLUMNS.size()) {
            fields.add(q(""));
        }
        row("SB", fields.toArray(String[]::new));
        bodyRows++;
        long[] totals = totalsByCurrency.computeIfAbsent(currency, c -> new long[4]);
        totals[direction.equals("CR") ? GROSS_CREDIT : GROSS_DEBIT] += amount;
        totals[feeDirection.equals("CR") ? FEE_CREDIT : FEE_DEBIT] += fee;
    }

    private void writeFooters() throws IOException {
        String count = Integer.toString(bodyRows);
        writeTotalsPerCurrency("SF");
        row("SC", count);
        writeTotalsPerCurrency("RF");
        row("RC", count);
        row("FF", count);
    }

    private void writeTotalsPerCurrency(String footer) throws IOException {
        for (var currency : totalsByCurrency.entrySet()) {
            long[] totals = currency.getValue();
            row(footer, q(currency.getKey()), q("CR"), Long.toString(totals[GROSS_CREDIT]), q("DR"),
                    Long.toString(totals[GROSS_DEBIT]), q("CR"), Long.toString(totals[FEE_CREDIT]), q("DR"),
                    Long.toString(totals[FEE_DEBIT]));
        }
    }

    /**
     * Minor units of the currency to PayPal's two implied decimals: JPY 1500 is {@code 150000}.
     * PayPal carries no currency with three decimals, so an amount it cannot carry is refused.
     */
    static long impliedDecimals(long minor, String currency) {
        int exponent = Currencies.exponent(currency);
        long amount = minor;
        for (int e = exponent; e < 2; e++) {
            amount = Math.multiplyExact(amount, 10);
        }
        for (int e = exponent; e > 2; e--) {
            if (amount % 10 != 0) {
                throw new IllegalArgumentException("PayPal cannot carry " + Money.format(minor, exponent) + " "
                        + currency + " (more than two decimals)");
            }
            amount /= 10;
        }
        return amount;
    }

    private void row(String recordType, String... fields) throws IOException {
        out.write(q(recordType));
        for (String field : fields) {
            out.write(',');
            out.write(field);
        }
        out.write('\n');
    }

    /** A text field, quoted as the STL layout wants (a quote inside doubled). */
    private static String q(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
