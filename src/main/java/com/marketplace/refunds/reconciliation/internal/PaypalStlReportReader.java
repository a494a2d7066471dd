package com.marketplace.refunds.reconciliation.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.marketplace.refunds.reconciliation.internal.ReportLine.Kind;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.PaymentMethod;

/**
 * Reads a PayPal settlement report (STL): every line starts with its record type ({@code RH FH SH
 * CH SB SF SC RF RC FF}); each section's {@code CH} row names the columns of the {@code SB} rows
 * after it. An {@code SB} row with event code {@code T1107} is a refund, whose {@code Invoice ID}
 * is our refund_id. Amounts have no decimal point and always two implied decimals, whatever the
 * currency (JPY {@code 15000} is 150 yen); the direction is {@code DR} (a refund paid out) or
 * {@code CR}, which gives a negative amount that cannot confirm anything. A refund row without an
 * {@code Invoice ID} is a refund that is not ours. Each row's event is identified by its
 * {@code Transaction ID}, PayPal's own id. Text fields may be quoted or not; a trimmed file may
 * start at {@code SH}.
 *
 * <p>Lines are handed over as they are read, so a malformed line stops the reading after the
 * lines before it were handed over: the caller must apply nothing until every report of the
 * folder has been read.
 */
public final class PaypalStlReportReader {

    private static final String METHOD = PaymentMethod.PAYPAL.name();

    static final String EVENT_CODE = "Transaction Event Code";
    static final String TRANSACTION_ID = "Transaction ID";
    static final String INVOICE_ID = "Invoice ID";
    static final String DEBIT_OR_CREDIT = "Transaction Debit or Credit";
    static final String AMOUNT = "Gross Transaction Amount";
    static final String CURRENCY = "Gross Transaction Currency";
    static final String REFUND_EVENT = "T1107";

    private static final Set<String> SKIPPED_RECORD_TYPES = Set.of("RH", "FH", "SF", "SC", "RF", "RC", "FF");
    private static final Pattern IMPLIED_DECIMALS = Pattern.compile("\\d{1,18}");

    private PaypalStlReportReader() {
    }

    /** Hands every refund line of {@code file} to {@code lines}, in file order. */
    public static void read(Path file, Consumer<ReportLine> lines) {
        try (ReportRecords records = ReportRecords.open(file)) {
            Section section = null;
            for (String[] record = records.next(); record != null; record = records.next()) {
                String recordType = record[0].trim();
                if (recordType.equals("SH")) {
                    section = null;
                }
                else if (recordType.equals("CH")) {
                    section = new Section(ReportColumns.of(records.reportFile(), records.line(), record),
                            records.line());
                }
                else if (recordType.equals("SB")) {
                    readBody(records, section, record, lines);
                }
                else if (!SKIPPED_RECORD_TYPES.contains(recordType)) {
                    throw records.unreadable("a line whose first field is not a record type of a settlement report "
                            + "(RH FH SH CH SB SF SC RF RC FF)");
                }
            }
        }
    }

    /** The columns of one section, from its CH row; looked up there so a missing one fails at once. */
    private static final class Section {
        final ReportColumns all;
        final String header;
        final int eventCode;
        final int transactionId;
        final int invoiceId;
        final int debitOrCredit;
        final int amount;
        final int currency;

        Section(ReportColumns all, int line) {
            this.all = all;
            this.header = "the CH row of line " + line;
            this.eventCode = all.require(EVENT_CODE);
            this.transactionId = all.optional(TRANSACTION_ID);
            this.invoiceId = all.require(INVOICE_ID);
            this.debitOrCredit = all.require(DEBIT_OR_CREDIT);
            this.amount = all.require(AMOUNT);
            this.currency = all.require(CURRENCY);
        }
    }

    private static void readBody(ReportRecords records, Section section, String[] record, Consumer<ReportLine> lines) {
        if (section == null) {
            throw records.unreadable("an SB row before the CH row that names its section's columns");
        }
        records.requireFieldCount(record, section.all, section.header);
        if (record[section.eventCode].trim().equalsIgnoreCase(REFUND_EVENT)) {
            lines.accept(refundLine(records, section, record));
        }
    }

    private static ReportLine refundLine(ReportRecords records, Section section, String[] record) {
        String currency = record[section.currency].trim();
        if (Currencies.iso(currency).isEmpty()) {
            throw records.unreadable("the " + CURRENCY + " of a refund row is not a known currency");
        }
        BigDecimal amount = impliedDecimals(records, record[section.amount].trim());
        String direction = record[section.debitOrCredit].trim();
        if (direction.equalsIgnoreCase("CR")) {
            amount = amount.negate();
        }
        else if (!direction.equalsIgnoreCase("DR")) {
            throw records.unreadable("the " + DEBIT_OR_CREDIT + " of a refund row is neither DR nor CR");
        }
        String transaction = section.transactionId < 0 ? "" : record[section.transactionId].trim();
        String eventKey = transaction.isEmpty() ? ReportLine.lineKey(METHOD, record)
                : ReportLine.eventKey(METHOD, REFUND_EVENT, transaction);
        return new ReportLine(METHOD, records.reportFile(), records.line(),
                record[section.invoiceId].trim(), Kind.CONFIRMED, REFUND_EVENT, eventKey, currency, amount);
    }

    private static BigDecimal impliedDecimals(ReportRecords records, String text) {
        if (!IMPLIED_DECIMALS.matcher(text).matches()) {
            throw records.unreadable("the " + AMOUNT + " of a refund row is not an amount (digits only, with two "
                    + "implied decimals)");
        }
        return BigDecimal.valueOf(Long.parseLong(text), 2);
    }
}
