package com.marketplace.refunds.intake.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.intake.internal.CsvRecordReader.CsvRecord;
import com.marketplace.refunds.shared.CardNumbers;
import com.marketplace.refunds.shared.ReportCsv;

/**
 * Writes {@code rejects/<file>.rejects.csv} for each extract with bad rows ({@code line,reason,raw},
 * by line, card numbers masked) and removes one left from an earlier attempt that has none now.
 */
final class RejectsWriter {

    private static final String REJECTS_OF_FILE = """
            SELECT line_no, reason FROM stage_reject WHERE file = :file ORDER BY line_no
            """;

    private final JdbcClient jdbc;

    RejectsWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Reject(int lineNo, String reason) {
    }

    void write(Path inbox, Path drop, Path rejectsFolder) {
        for (Extract extract : Extract.values()) {
            String name = extract.fileName();
            Path target = rejectsFolder.resolve(name + ".rejects.csv");
            List<Reject> rejects = jdbc.sql(REJECTS_OF_FILE).param("file", name).query(Reject.class).list();
            try {
                if (rejects.isEmpty()) {
                    Files.deleteIfExists(target);
                    continue;
                }
                Map<Integer, String> rawFromFile = rawLines(inbox, drop.resolve(name), rejects);
                ReportCsv.write(target, new String[] {"line", "reason", "raw"}, csv -> {
                    for (Reject reject : rejects) {
                        csv.row(String.valueOf(reject.lineNo()), reject.reason(), rawFromFile.get(reject.lineNo()));
                    }
                });
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
        }
    }

    /** The masked raw text of the rejected records, read again from the extract. */
    private static Map<Integer, String> rawLines(Path inbox, Path file, List<Reject> rejects) throws IOException {
        Map<Integer, String> wanted = new HashMap<>();
        rejects.forEach(r -> wanted.put(r.lineNo(), null));
        try (ExtractReader reader = ExtractReader.open(inbox, file, List.of())) {
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                if (wanted.containsKey(record.line())) {
                    wanted.put(record.line(), CardNumbers.mask(record.raw()));
                }
            }
        }
        return wanted;
    }
}
