package com.marketplace.refunds.intake.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.intake.internal.CsvRecordReader.CsvRecord;
import com.marketplace.refunds.intake.internal.CsvRecordReader.Keeping;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.PgBinaryCopy;
import com.marketplace.refunds.shared.PgCopy.CopyRows;
import com.marketplace.refunds.shared.PgCopy.Spool;
import com.marketplace.refunds.shared.RunParameters;

/**
 * Streams one extract into its stage table with COPY (binary: {@link PgBinaryCopy}): each record checked by its
 * {@link StageMapper}, bad ones kept with their line and reason in stage_reject (never their raw
 * text, which may hold free text: the rejects writer reads it again from the drop).
 * Truncates first, so running it again for the same drop gives the same staging.
 */
public class LoadExtractTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(LoadExtractTasklet.class);

    private static final String CLEAR_REJECTS = "DELETE FROM stage_reject WHERE file = :file";
    private static final String CLEAR_FILE = "DELETE FROM stage_file WHERE file = :file";
    private static final String RECORD_FILE = """
            INSERT INTO stage_file (drop_date, file, records) VALUES (:dropDate, :file, :records)
            """;

    private final Extract extract;
    private final StageMapper mapper;
    private final DataSource dataSource;
    private final JdbcClient jdbc;

    public LoadExtractTasklet(Extract extract, DataSource dataSource) {
        this.extract = extract;
        this.mapper = StageMapper.of(extract);
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        long started = System.nanoTime();
        String name = extract.fileName();
        Loaded loaded;
        try {
            loaded = load(RunParameters.of(chunkContext));
        }
        catch (RuntimeException e) {
            throw DatabaseRefusals.withoutValues("loading " + name, e);
        }
        contribution.incrementWriteCount(loaded.staged());
        CrashPoints.reach("load-" + name);
        log.info("{}: {} records, {} staged, {} bad, in {} ms", name, loaded.records(), loaded.staged(),
                loaded.records() - loaded.staged(), (System.nanoTime() - started) / 1_000_000);
        return RepeatStatus.FINISHED;
    }

    private record Loaded(long records, long staged) {
    }

    /** Every drop of the run into the stage table, the late ones first, each row with its drop's date. */
    private Loaded load(RunParameters run) throws IOException {
        String name = extract.fileName();
        jdbc.sql("TRUNCATE " + extract.stageTable()).update();
        jdbc.sql(CLEAR_REJECTS).param("file", name).update();
        jdbc.sql(CLEAR_FILE).param("file", name).update();
        long records = 0;
        long staged = 0;
        for (LocalDate date : run.drops()) {
            Loaded loaded = loadDrop(run.inbox(), run.dropOf(date), date);
            records += loaded.records();
            staged += loaded.staged();
        }
        // fresh statistics, so the merge's set-based checks plan for the rows just loaded
        jdbc.sql("ANALYZE " + extract.stageTable()).update();
        return new Loaded(records, staged);
    }

    private Loaded loadDrop(Path inbox, Path drop, LocalDate date) throws IOException {
        Path file = drop.resolve(extract.fileName());
        String name = extract.fileName();
        long[] records = new long[1];
        long staged;
        // the raw text of the few bad rows is read again by the rejects files: none is kept here
        try (ExtractReader reader = ExtractReader.open(inbox, file, mapper.requiredColumns(), Keeping.FIELDS);
             Spool rejects = Spool.create("rejects")) {
            CopyRows bad = rejects.rows();
            staged = PgBinaryCopy.copyIn(dataSource, mapper.stageColumns(), good -> {
                Fields fields = new Fields(reader.columns());
                for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                    records[0]++;
                    String problem = check(record, reader.headerSize());
                    if (problem == null) {
                        fields.use(record.fields());
                        try {
                            good.row(withDateAndLine(date, record.line(), mapper.map(fields)));
                            continue;
                        }
                        catch (BadValueException e) {
                            problem = e.getMessage();
                        }
                    }
                    bad.row(date, name, record.line(), problem);
                }
            });
            rejects.copyInto(dataSource, "stage_reject (drop_date, file, line_no, reason)");
        }
        jdbc.sql(RECORD_FILE).param("dropDate", date).param("file", name).param("records", records[0]).update();
        return new Loaded(records[0], staged);
    }

    private static String check(CsvRecord record, int headerSize) {
        if (record.malformed()) {
            return "malformed record: " + record.malformation();
        }
        if (record.fields().size() != headerSize) {
            return "the record has " + record.fields().size() + " fields where the header has " + headerSize;
        }
        return null;
    }

    private static Object[] withDateAndLine(LocalDate date, int line, Object[] values) {
        Object[] row = new Object[values.length + 2];
        row[0] = date;
        row[1] = line;
        System.arraycopy(values, 0, row, 2, values.length);
        return row;
    }

}
