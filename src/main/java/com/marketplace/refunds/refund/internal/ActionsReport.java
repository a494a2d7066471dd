package com.marketplace.refunds.refund.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.action.RequestStatus;
import com.marketplace.refunds.shared.ReportCsv;

/**
 * Writes {@code actions.csv}: each request the run applied or found stale, in request order
 * (docs/actions.md). Written only when there is one; otherwise an earlier copy is removed, so the
 * folder says the same on every attempt.
 */
public final class ActionsReport {

    public static final String FILE_NAME = "actions.csv";
    private static final String[] HEADER = {"request_id", "action", "refund_id", "requested_by", "requested_at",
            "reason", "approved_by", "approved_at", "outcome", "new_refund_id", "detail"};
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private static final String SETTLED = """
            SELECT request_id, action, refund_id, requested_by, requested_at, reason, decided_by, decided_at, status,
                   new_refund_id, detail
              FROM action_request
             WHERE settled_on = :d AND status IN (%s, %s)
             ORDER BY request_id
            """.formatted(RequestStatus.APPLIED.sql(), RequestStatus.STALE.sql());

    private final JdbcClient jdbc;

    public ActionsReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long write(LocalDate businessDate, Path reportsOfDay) {
        var rows = jdbc.sql(SETTLED).param("d", businessDate).query((row, n) -> new String[] {
                String.valueOf(row.getLong("request_id")), row.getString("action"), row.getString("refund_id"),
                row.getString("requested_by"), when(row.getObject("requested_at", OffsetDateTime.class)),
                row.getString("reason"), row.getString("decided_by"), when(row.getObject("decided_at", OffsetDateTime.class)),
                row.getString("status"), row.getString("new_refund_id"), row.getString("detail")}).list();
        Path file = reportsOfDay.resolve(FILE_NAME);
        if (rows.isEmpty()) {
            try {
                Files.deleteIfExists(file);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return 0;
        }
        return ReportCsv.write(file, HEADER, csv -> {
            for (String[] row : rows) {
                csv.row(row);
            }
        });
    }

    private static String when(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC).format(WHEN);
    }
}
