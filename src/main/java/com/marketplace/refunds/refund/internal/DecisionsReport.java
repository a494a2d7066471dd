package com.marketplace.refunds.refund.internal;

import java.nio.file.Path;
import java.time.LocalDate;

import org.springframework.jdbc.core.JdbcTemplate;

import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.shared.ReportCsv;

/** Writes {@code decisions.csv}: every decision of the run, in the order they were made. */
public final class DecisionsReport {

    public static final String FILE_NAME = "decisions.csv";
    private static final String[] HEADER = {"refund_key", "refund_id", "order_id", "trigger", "decision", "reason",
            "currency", "amount_asked", "amount_approved"};

    private static final String DECISIONS_OF_DAY = """
            SELECT refund_key, refund_id, order_id, trigger_type, decision, reason, currency,
                   amount_asked_minor, amount_approved_minor
              FROM decision WHERE business_date = ? ORDER BY seq
            """;

    private final JdbcTemplate jdbc;

    public DecisionsReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.jdbc.setFetchSize(10_000);
    }

    public long write(LocalDate businessDate, Path reportsOfDay) {
        return ReportCsv.write(reportsOfDay.resolve(FILE_NAME), HEADER, csv -> jdbc.query(DECISIONS_OF_DAY, row -> {
            String currency = row.getString("currency");
            csv.row(row.getString("refund_key"), row.getString("refund_id"), row.getString("order_id"),
                    row.getString("trigger_type"), row.getString("decision"), row.getString("reason"), currency,
                    amount(row.getObject("amount_asked_minor", Long.class), currency),
                    amount(row.getObject("amount_approved_minor", Long.class), currency));
        }, businessDate));
    }

    private static String amount(Long minor, String currency) {
        return minor == null ? null : Money.format(minor, Currencies.exponent(currency));
    }
}
