package com.marketplace.refunds.settlement;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The settlement files this database published for a business date, as the database recorded them:
 * whatever else lies in the outbox folder (a file copied in, another database's) is not among them.
 */
public final class PublishedFiles {

    /** The suffix of a settlement file's control file, written beside it. */
    public static final String CONTROL_SUFFIX = ".ctl.json";

    private static final String OF_DATE = """
            SELECT file_name, record_count FROM settlement_file WHERE business_date = :d AND status = 'PUBLISHED'
             ORDER BY file_name COLLATE "C"
            """;

    /** A published settlement file: its name and how many refunds it holds. */
    public record Published(String fileName, int recordCount) {
    }

    private PublishedFiles() {
    }

    /** The date's published settlement files, by name (each has its control file beside it). */
    public static List<Published> of(JdbcClient jdbc, LocalDate businessDate) {
        return jdbc.sql(OF_DATE).param("d", businessDate).query(Published.class).list();
    }
}
