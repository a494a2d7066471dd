package com.marketplace.refunds.refund.internal;

import java.nio.file.Path;
import java.time.LocalDate;

import javax.sql.DataSource;

import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.shared.PgBinaryCopy;
import com.marketplace.refunds.shared.ReportCsv;

/** Writes {@code decisions.csv}: every decision of the run, in the order they were made. */
public final class DecisionsReport {

    public static final String FILE_NAME = "decisions.csv";
    private static final String[] HEADER = {"refund_key", "refund_id", "order_id", "trigger", "decision", "reason",
            "currency", "amount_asked", "amount_approved"};

    /** The date is a {@link LocalDate}'s own text: a COPY takes no parameters. */
    private static final String DECISIONS_OF_DAY = """
            SELECT refund_key, refund_id, order_id, trigger_type, decision, reason, currency,
                   amount_asked_minor, amount_approved_minor
              FROM decision WHERE business_date = DATE '%s' ORDER BY seq""";

    private final DataSource dataSource;

    public DecisionsReport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Streams the date's decisions by COPY: PostgreSQL reads them while the rows before are written. */
    public long write(LocalDate businessDate, Path reportsOfDay) {
        return ReportCsv.write(reportsOfDay.resolve(FILE_NAME), HEADER, csv -> PgBinaryCopy.copyOut(dataSource,
                "the decisions of " + businessDate, DECISIONS_OF_DAY.formatted(businessDate), fields -> {
                    String refundKey = fields.text();
                    String refundId = fields.text();
                    String orderId = fields.text();
                    String trigger = fields.text();
                    String decision = fields.text();
                    String reason = fields.text();
                    String currency = fields.text();
                    csv.row(refundKey, refundId, orderId, trigger, decision, reason, currency,
                            amount(fields.int8(), currency), amount(fields.int8(), currency));
                }));
    }

    private static String amount(Long minor, String currency) {
        return minor == null ? null : Money.format(minor, Currencies.exponent(currency));
    }
}
