package com.marketplace.refunds.intake.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.intake.internal.CsvRecordReader.CsvRecord;
import com.marketplace.refunds.shared.CardNumbers;
import com.marketplace.refunds.shared.ReportCsv;
import com.marketplace.refunds.shared.ReportCsv.Body;
import com.marketplace.refunds.shared.RunParameters;

/**
 * Writes {@code rejects/<file>.rejects.csv} for each extract with bad rows ({@code line,reason,raw},
 * by line, card numbers masked) and removes one left from an earlier attempt that has none now.
 * Streams: the bad rows come from the database in line order through a cursor and the extract is
 * read once alongside them for their raw text, so memory does not grow with the number of bad rows.
 * <p>
 * The raw text is read again rather than kept at load because the load cannot know every bad row:
 * the merge's set-based checks reject rows that were good at load (an id seen again, a dispute
 * amount against its order's currency, a changed fixed field), and a raw record may hold free text,
 * which never goes into the database. Keeping it for every record would copy each extract every
 * night; this read happens only for a file with bad rows, and stops at its last one.
 */
final class RejectsWriter {

    private static final String HAS_REJECTS = """
            SELECT EXISTS (SELECT 1 FROM stage_reject WHERE drop_date = :dropDate AND file = :file)
            """;
    private static final String REJECTS_OF_FILE = """
            SELECT line_no, reason FROM stage_reject WHERE drop_date = :dropDate AND file = :file ORDER BY line_no
            """;
    private static final int FETCH_SIZE = 1_000;

    private final JdbcClient jdbc;

    RejectsWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rejects of every drop of the run, a late drop's in {@code rejects/<late date>/}. */
    void write(RunParameters run) {
        for (LocalDate date : run.drops()) {
            write(run.inbox(), run.dropOf(date), date, run.rejectsFolder(date));
        }
    }

    private void write(Path inbox, Path drop, LocalDate dropDate, Path rejectsFolder) {
        for (Extract extract : Extract.values()) {
            String name = extract.fileName();
            Path target = extract.rejectsFile(rejectsFolder);
            if (!jdbc.sql(HAS_REJECTS).param("dropDate", dropDate).param("file", name).query(Boolean.class).single()) {
                try {
                    Files.deleteIfExists(target);
                }
                catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + target, e);
                }
                continue;
            }
            try (ExtractReader extractReader = ExtractReader.open(inbox, drop.resolve(name), List.of())) {
                ReportCsv.write(target, new String[] {"line", "reason", "raw"}, rejectsOf(dropDate, name, extractReader));
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read " + drop.resolve(name) + " again", e);
            }
        }
    }

    /** The rows of one file's rejects, each with the masked raw text of its record, read as the cursor goes. */
    private Body rejectsOf(LocalDate dropDate, String name, ExtractReader extractReader) {
        return csv -> {
            RawText raw = new RawText(extractReader);
            jdbc.sql(REJECTS_OF_FILE).param("dropDate", dropDate).param("file", name).withFetchSize(FETCH_SIZE).query((RowCallbackHandler)
                    (ResultSet row) -> write(csv, row, raw));
        };
    }

    private static void write(ReportCsv csv, ResultSet row, RawText raw) throws SQLException {
        int line = row.getInt("line_no");
        csv.row(String.valueOf(line), row.getString("reason"), raw.at(line));
    }

    /** The extract read forward to the record of each line asked for, in rising order. */
    private static final class RawText {

        private final ExtractReader reader;
        private CsvRecord current;
        private boolean exhausted;

        RawText(ExtractReader reader) {
            this.reader = reader;
        }

        /** The masked raw text of the record starting on that line, or null if there is none. */
        String at(int line) {
            if (!exhausted && (current == null || current.line() < line)) {
                current = reader.nextFrom(line);
                exhausted = current == null;
            }
            return current != null && current.line() == line ? CardNumbers.mask(current.raw()) : null;
        }
    }
}
