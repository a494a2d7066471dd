package com.marketplace.refunds.simulate.processor;

import static com.marketplace.refunds.simulate.processor.SimulatedLine.DIGITS;
import static com.marketplace.refunds.simulate.processor.SimulatedLine.randomCode;
import static com.marketplace.refunds.simulate.processor.SimulatedLine.unit;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.simulate.processor.SimulatedLine.Kind;
import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;

/**
 * Writes a settlement details report in Adyen's classic 30 columns, as an acquirer would send it
 * for one payout batch: a few settled payments, the refund lines given ({@code Refunded}, or
 * {@code RefundedReversed} for a reversal), a monthly {@code Fee} line and a
 * {@code MerchantPayout} line per currency. Amounts unsigned in major units, the direction given
 * by the debit or credit column; fields quoted only when they hold a comma.
 */
public final class SimulatedCardReport {

    static final String[] COLUMNS = {"Company Account", "Merchant Account", "Psp Reference", "Merchant Reference",
            "Payment Method", "Creation Date", "TimeZone", "Type", "Modification Reference", "Gross Currency",
            "Gross Debit (GC)", "Gross Credit (GC)", "Exchange Rate", "Net Currency", "Net Debit (NC)",
            "Net Credit (NC)", "Commission (NC)", "Markup (NC)", "Scheme Fees (NC)", "Interchange (NC)",
            "Payment Method Variant", "Modification Merchant Reference", "Batch Number", "Reserved4", "Reserved5",
            "Reserved6", "Reserved7", "Reserved8", "Reserved9", "Reserved10"};
    private static final int PSP_REFERENCE = 2;
    private static final int MERCHANT_REFERENCE = 3;
    private static final int PAYMENT_METHOD = 4;
    private static final int TYPE = 7;
    private static final int MODIFICATION_REFERENCE = 8;
    private static final int GROSS_CURRENCY = 9;
    private static final int GROSS_DEBIT = 10;
    private static final int GROSS_CREDIT = 11;
    private static final int EXCHANGE_RATE = 12;
    private static final int NET_CURRENCY = 13;
    private static final int NET_DEBIT = 14;
    private static final int NET_CREDIT = 15;
    private static final int COMMISSION = 16;
    private static final int VARIANT = 20;
    private static final int MODIFICATION_MERCHANT_REFERENCE = 21;
    private static final String MERCHANT_ACCOUNT = "MarketplaceEU";
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    private final ICSVWriter csv;
    private final SplittableRandom random;
    private final SortedMap<String, Long> netByCurrency = new TreeMap<>();
    private LocalDateTime clock;

    private SimulatedCardReport(Writer out, LocalDate reportDate, SplittableRandom random) {
        this.csv = new CSVWriter(out, ',', '"', '"', "\n");
        this.random = random;
        this.clock = reportDate.minusDays(1).atTime(0, 30);
    }

    /** Writes the report to {@code out} (flushed, left open). */
    public static void write(Writer out, List<SimulatedLine> refundLines, LocalDate reportDate,
                             SplittableRandom random) throws IOException {
        SimulatedCardReport report = new SimulatedCardReport(out, reportDate, random);
        report.csv.writeNext(COLUMNS, false);
        SortedMap<String, Long> typicalRefund = typicalRefundByCurrency(refundLines);
        List<String> currencies = List.copyOf(typicalRefund.keySet());
        for (int i = 0; i < 3 + refundLines.size() / 10; i++) {
            String currency = currencies.get(random.nextInt(currencies.size()));
            report.writeSettledPayment(currency, typicalRefund.get(currency));
        }
        refundLines.forEach(report::writeRefund);
        currencies.forEach(report::writeMonthlyFee);
        report.netByCurrency.forEach(report::writePayout);
        report.csv.flush();
    }

    /** The mean refund per currency (EUR 100.00 when there is none), to size the payments around them. */
    private static SortedMap<String, Long> typicalRefundByCurrency(List<SimulatedLine> refundLines) {
        SortedMap<String, long[]> sumAndCount = new TreeMap<>();
        for (SimulatedLine line : refundLines) {
            long[] totals = sumAndCount.computeIfAbsent(line.currency(), c -> new long[2]);
            totals[0] = Math.addExact(totals[0], line.amountMinor());
            totals[1]++;
        }
        SortedMap<String, Long> typical = new TreeMap<>();
        sumAndCount.forEach((currency, totals) -> typical.put(currency, Math.max(1, totals[0] / totals[1])));
        if (typical.isEmpty()) {
            typical.put("EUR", 100 * unit("EUR"));
        }
        return typical;
    }

    /** A payment worth some twenty refunds, so that most batches end in a payout. */
    private void writeSettledPayment(String currency, long typicalRefund) {
        long gross = Math.multiplyExact(typicalRefund, random.nextLong(5, 35));
        long commission = gross * 12 / 1000;
        String[] row = row("Settled", randomCode(random, 16, DIGITS), randomCode(random, 16, DIGITS));
        row[MERCHANT_REFERENCE] = "ORD-" + randomCode(random, 8, DIGITS);
        boolean visa = random.nextBoolean();
        row[PAYMENT_METHOD] = visa ? "visa" : "mc";
        row[VARIANT] = visa ? "visacredit" : "mccredit";
        gross(row, currency, GROSS_CREDIT, gross);
        net(row, currency, NET_CREDIT, gross - commission);
        row[COMMISSION] = amount(commission, currency);
        csv.writeNext(row, false);
    }

    private void writeRefund(SimulatedLine line) {
        boolean reversal = line.kind() == Kind.REVERSED;
        String[] row = row(reversal ? "RefundedReversed" : "Refunded", line.paymentReference(),
                randomCode(random, 16, DIGITS));
        row[MERCHANT_REFERENCE] = line.orderId();
        row[PAYMENT_METHOD] = "visa";
        row[VARIANT] = "visacredit";
        row[MODIFICATION_MERCHANT_REFERENCE] = line.refundId();
        gross(row, line.currency(), reversal ? GROSS_CREDIT : GROSS_DEBIT, line.amountMinor());
        net(row, line.currency(), reversal ? NET_CREDIT : NET_DEBIT, line.amountMinor());
        csv.writeNext(row, false);
    }

    private void writeMonthlyFee(String currency) {
        String[] row = row("Fee", "", "Transaction Fees " + MONTH.format(clock));
        net(row, currency, NET_DEBIT, random.nextLong(5, 50) * unit(currency));
        csv.writeNext(row, false);
    }

    private void writePayout(String currency, long net) {
        if (net > 0) {
            String[] row = row("MerchantPayout", "", "TX" + randomCode(random, 10, DIGITS) + "XT batch 1, "
                    + MERCHANT_ACCOUNT);
            row[NET_CURRENCY] = currency;
            row[NET_DEBIT] = amount(net, currency);
            csv.writeNext(row, false);
        }
    }

    private String[] row(String type, String pspReference, String modificationReference) {
        clock = clock.plusSeconds(random.nextInt(1, 40));
        String[] row = new String[COLUMNS.length];
        Arrays.fill(row, "");
        row[0] = "MarketplaceCompany";
        row[1] = MERCHANT_ACCOUNT;
        row[PSP_REFERENCE] = pspReference;
        row[5] = CREATED.format(clock);
        row[6] = "CET";
        row[TYPE] = type;
        row[MODIFICATION_REFERENCE] = modificationReference;
        row[22] = "1";
        return row;
    }

    private void gross(String[] row, String currency, int column, long minor) {
        row[GROSS_CURRENCY] = currency;
        row[column] = amount(minor, currency);
        row[EXCHANGE_RATE] = "1";
    }

    /** Net columns move the payout: credits add to it, debits take from it. */
    private void net(String[] row, String currency, int column, long minor) {
        row[NET_CURRENCY] = currency;
        row[column] = amount(minor, currency);
        netByCurrency.merge(currency, column == NET_CREDIT ? minor : -minor, Math::addExact);
    }

    private static String amount(long minor, String currency) {
        return Money.format(minor, Currencies.exponent(currency));
    }
}
