package com.marketplace.refunds.reconciliation.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.marketplace.refunds.reconciliation.internal.ReportLine.Kind;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.PaymentMethod;

/**
 * Reads an acquirer's settlement details report in Adyen's layout: one header row, columns by
 * name (extra and reordered columns allowed). {@code Refunded} confirms the refund whose
 * {@code Modification Merchant Reference} is our refund_id, {@code RefundedReversed} says it came
 * back (types compared without case); a line without that reference is a refund that is not ours.
 * A refund line of another type ({@code RefundedBulk}, {@code RefundedExternally}, ...) is handed
 * over as {@link Kind#UNHANDLED}, never skipped; every other type (Settled, Fee, MerchantPayout,
 * ...) is not a refund and is skipped without being checked beyond its field count. Each line's
 * event is identified by its type and {@code Modification Reference}, the processor's own id.
 *
 * <p>Lines are handed over as they are read, so a malformed line stops the reading after the
 * lines before it were handed over: the caller must apply nothing until every report of the
 * folder has been read.
 */
public final class CardSettlementReportReader {

    private static final String METHOD = PaymentMethod.CARD.name();

    static final String TYPE = "Type";
    static final String MODIFICATION_REFERENCE = "Modification Reference";
    static final String MERCHANT_REFERENCE = "Modification Merchant Reference";
    static final String CURRENCY = "Gross Currency";
    static final String DEBIT = "Gross Debit (GC)";
    static final String CREDIT = "Gross Credit (GC)";

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d{1,18}(\\.\\d{1,18})?");
    /** Adyen's refund types all start so: Refunded, RefundedReversed, RefundedBulk, RefundedExternally, ... */
    private static final Pattern REFUND_TYPE = Pattern.compile("(?i)refund[a-z]{0,60}");

    private CardSettlementReportReader() {
    }

    /** Hands every refund line of {@code file} to {@code lines}, in file order. */
    public static void read(Path file, Consumer<ReportLine> lines) {
        try (ReportRecords records = ReportRecords.open(file)) {
            String[] header = records.next();
            if (header == null) {
                throw records.unreadable("the file is empty: a settlement details report has a header row");
            }
            Columns columns = new Columns(ReportColumns.of(records.reportFile(), records.line(), header));
            for (String[] record = records.next(); record != null; record = records.next()) {
                records.requireFieldCount(record, columns.all, "the header");
                String type = record[columns.type].trim();
                Kind kind = kindOf(type);
                if (kind == Kind.UNHANDLED) {
                    lines.accept(unhandledLine(records, columns, record, type));
                }
                else if (kind != null) {
                    lines.accept(refundLine(records, columns, record, kind, type));
                }
            }
        }
    }

    /** The columns a refund line needs, looked up once so a missing one fails even without refunds. */
    private static final class Columns {
        final ReportColumns all;
        final int type;
        final int modificationReference;
        final int merchantReference;
        final int currency;
        final int debit;
        final int credit;

        Columns(ReportColumns all) {
            this.all = all;
            this.type = all.require(TYPE);
            this.modificationReference = all.optional(MODIFICATION_REFERENCE);
            this.merchantReference = all.require(MERCHANT_REFERENCE);
            this.currency = all.require(CURRENCY);
            this.debit = all.require(DEBIT);
            this.credit = all.require(CREDIT);
        }
    }

    private static Kind kindOf(String type) {
        if (type.equalsIgnoreCase("Refunded")) {
            return Kind.CONFIRMED;
        }
        if (type.equalsIgnoreCase("RefundedReversed")) {
            return Kind.REVERSED;
        }
        return REFUND_TYPE.matcher(type).matches() ? Kind.UNHANDLED : null;
    }

    private static ReportLine refundLine(ReportRecords records, Columns columns, String[] record, Kind kind,
                                         String type) {
        String currency = record[columns.currency].trim();
        if (Currencies.iso(currency).isEmpty()) {
            throw records.unreadable("the " + CURRENCY + " of a refund line is not a known currency");
        }
        BigDecimal amount = signedAmount(records, record[columns.debit].trim(), record[columns.credit].trim(), kind);
        return new ReportLine(METHOD, records.reportFile(), records.line(),
                record[columns.merchantReference].trim(), kind, kind == Kind.CONFIRMED ? "Refunded" : "RefundedReversed",
                eventKey(columns, record, type), currency, amount);
    }

    /**
     * A refund line of a type not acted on: reported as it is, so nothing is checked beyond its
     * field count; its currency and amount are kept when they can be read.
     */
    private static ReportLine unhandledLine(ReportRecords records, Columns columns, String[] record, String type) {
        String currency = record[columns.currency].trim();
        String debit = record[columns.debit].trim();
        String credit = record[columns.credit].trim();
        String amount = debit.isEmpty() ? credit : debit;
        boolean readable = Currencies.iso(currency).isPresent() && debit.isEmpty() != credit.isEmpty()
                && PLAIN_DECIMAL.matcher(amount).matches();
        return new ReportLine(METHOD, records.reportFile(), records.line(),
                record[columns.merchantReference].trim(), Kind.UNHANDLED, type, eventKey(columns, record, type),
                readable ? currency : null, readable ? new BigDecimal(amount) : null);
    }

    /** The processor's own id of the event (type and Modification Reference), or the line's whole text. */
    private static String eventKey(Columns columns, String[] record, String type) {
        String reference = columns.modificationReference < 0 ? "" : record[columns.modificationReference].trim();
        return reference.isEmpty() ? ReportLine.lineKey(METHOD, record)
                : ReportLine.eventKey(METHOD, type, reference);
    }

    /**
     * A refund is a debit and its reversal a credit; only one of the two columns is filled. A
     * refund line written the other way round is kept, negative, so it cannot confirm anything.
     */
    private static BigDecimal signedAmount(ReportRecords records, String debit, String credit, Kind kind) {
        if (debit.isEmpty() == credit.isEmpty()) {
            throw records.unreadable(debit.isEmpty()
                    ? "a refund line with neither " + DEBIT + " nor " + CREDIT
                    : "a refund line with both " + DEBIT + " and " + CREDIT);
        }
        boolean isDebit = !debit.isEmpty();
        BigDecimal amount = decimal(records, isDebit ? debit : credit, isDebit ? DEBIT : CREDIT);
        boolean expectedSide = isDebit == (kind == Kind.CONFIRMED);
        return expectedSide ? amount : amount.negate();
    }

    private static BigDecimal decimal(ReportRecords records, String text, String column) {
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw records.unreadable("the " + column + " of a refund line is not a decimal amount");
        }
        return new BigDecimal(text);
    }
}
