package com.marketplace.refunds.reconciliation.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.marketplace.refunds.reconciliation.internal.ReportLine.Kind;
import com.marketplace.refunds.shared.Currencies;

/**
 * Reads an acquirer's settlement details report in Adyen's layout: one header row, columns by
 * name (extra and reordered columns allowed). {@code Refunded} confirms the refund whose
 * {@code Modification Merchant Reference} is our refund_id, {@code RefundedReversed} says it came
 * back (types compared without case); every other type (Settled, Fee, MerchantPayout, ...) is
 * not a refund and is skipped without being checked beyond its field count.
 *
 * <p>Lines are handed over as they are read, so a malformed line stops the reading after the
 * lines before it were handed over: the caller must apply nothing until every report of the
 * folder has been read.
 */
public final class CardSettlementReportReader {

    static final String TYPE = "Type";
    static final String MERCHANT_REFERENCE = "Modification Merchant Reference";
    static final String CURRENCY = "Gross Currency";
    static final String DEBIT = "Gross Debit (GC)";
    static final String CREDIT = "Gross Credit (GC)";

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d{1,18}(\\.\\d{1,18})?");

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
                Kind kind = kindOf(record[columns.type].trim());
                if (kind != null) {
                    lines.accept(refundLine(records, columns, record, kind));
                }
            }
        }
    }

    /** The columns a refund line needs, looked up once so a missing one fails even without refunds. */
    private static final class Columns {
        final ReportColumns all;
        final int type;
        final int merchantReference;
        final int currency;
        final int debit;
        final int credit;

        Columns(ReportColumns all) {
            this.all = all;
            this.type = all.require(TYPE);
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
        return type.equalsIgnoreCase("RefundedReversed") ? Kind.REVERSED : null;
    }

    private static ReportLine refundLine(ReportRecords records, Columns columns, String[] record, Kind kind) {
        String refundId = record[columns.merchantReference].trim();
        if (refundId.isEmpty()) {
            throw records.unreadable("a refund line without a " + MERCHANT_REFERENCE);
        }
        String currency = record[columns.currency].trim();
        if (Currencies.iso(currency).isEmpty()) {
            throw records.unreadable("'" + currency + "' in " + CURRENCY + " is not a known currency");
        }
        BigDecimal amount = signedAmount(records, record[columns.debit].trim(), record[columns.credit].trim(), kind);
        return new ReportLine(ReportLine.CARD, records.reportFile(), records.line(), refundId, kind, currency,
                amount);
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
            throw records.unreadable("'" + text + "' in " + column + " is not a decimal amount");
        }
        return new BigDecimal(text);
    }
}
