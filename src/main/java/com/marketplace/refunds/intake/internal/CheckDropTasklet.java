package com.marketplace.refunds.intake.internal;

import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.archive.HotRows;
import com.marketplace.refunds.intake.DropRejectedException;
import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.Timed;

/**
 * The archived orders the drop names brought back ({@link HotRows}), the checks that need more than one
 * row ({@link CrossRowChecks}, which also mark the staged orders that are stored already), then the
 * rejects files, the bad-row threshold and the record of the drop's events' ids, in one transaction.
 * Nothing of the drop's orders is stored here: that is {@link MergeDropTasklet}'s, part by part, once
 * this has committed.
 */
public class CheckDropTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(CheckDropTasklet.class);

    /**
     * This drop's events with their orders; an earlier attempt at this date is overwritten, never another date.
     * In the order of event_delivery's key, so consecutive rows reach neighbouring entries of its index: a dense
     * night's deliveries into a fresh database 9.8 s as they lie in staging, 8.1 s in this order (README,
     * "Measured").
     */
    private static final String RECORD_EVENT_DELIVERIES = """
            INSERT INTO event_delivery (extract, event_id, order_id, first_delivered_on)
            SELECT :extract, s.%1$s, s.order_id, :businessDate FROM %2$s s
             ORDER BY s.%1$s
            ON CONFLICT (extract, event_id) DO UPDATE SET order_id = EXCLUDED.order_id
             WHERE event_delivery.first_delivered_on = EXCLUDED.first_delivered_on
               AND event_delivery.order_id <> EXCLUDED.order_id
            """;

    private static final String BAD_ROWS_PER_FILE = """
            SELECT f.drop_date, f.file, f.records, count(r.line_no) AS bad
              FROM stage_file f LEFT JOIN stage_reject r USING (drop_date, file)
             GROUP BY f.drop_date, f.file, f.records ORDER BY f.drop_date, f.file
            """;

    private final JdbcClient jdbc;
    private final CrossRowChecks checks;
    private final RejectsWriter rejectsWriter;
    private final BadRowThreshold threshold;

    public CheckDropTasklet(JdbcClient jdbc, BadRowThreshold threshold) {
        this.jdbc = jdbc;
        this.checks = new CrossRowChecks(jdbc);
        this.rejectsWriter = new RejectsWriter(jdbc);
        this.threshold = threshold;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        try {
            check(RunParameters.of(chunkContext));
        }
        catch (RuntimeException e) {
            throw DatabaseRefusals.withoutValues("checkDropStep", e);
        }
        CrashPoints.reach("checkDropStep");
        return RepeatStatus.FINISHED;
    }

    private void check(RunParameters run) {
        // an archived order the drop names is back, with its refunds, before anything compares or merges it
        HotRows.restoreNamedByDrop(jdbc);
        checks.run(run.businessDate(), run.carries());

        List<FileCount> counts = jdbc.sql(BAD_ROWS_PER_FILE).query(FileCount.class).list();
        long writing = System.nanoTime();
        rejectsWriter.write(run);
        log.info("rejects files written in {} ms", (System.nanoTime() - writing) / 1_000_000);
        for (FileCount count : counts) {
            if (threshold.exceededBy(count.bad(), count.records())) {
                String late = count.dropDate().equals(run.businessDate()) ? ""
                        : "the late drop of " + count.dropDate() + ", which this run carries: ";
                throw new DropRejectedException(late + count.file() + " has " + count.bad() + " bad rows out of "
                        + count.records() + ", above the limit (" + threshold + "); nothing was stored. See "
                        + Extract.ofFileName(count.file()).orElseThrow().rejectsFile(run.rejectsFolder(count.dropDate()))
                        + " and ask upstream to re-deliver the file");
            }
        }

        for (Extract extract : Extract.values()) {
            if (extract.holdsOrderEvents()) {
                Timed.rows(log, extract.idColumn() + " deliveries recorded", () -> jdbc
                        .sql(RECORD_EVENT_DELIVERIES.formatted(extract.idColumn(), extract.stageTable()))
                        .param("extract", extract.name()).param("businessDate", run.businessDate()).update());
            }
        }
        counts.forEach(c -> log.info("{}/{}: {} records, {} bad rows", c.dropDate(), c.file(), c.records(), c.bad()));
    }

    record FileCount(LocalDate dropDate, String file, long records, long bad) {
    }
}
