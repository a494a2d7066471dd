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
import org.springframework.transaction.PlatformTransactionManager;

import com.marketplace.refunds.archive.HotRows;
import com.marketplace.refunds.intake.DropRejectedException;
import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.RunParameters;

/**
 * The archived orders the drop names brought back ({@link HotRows}), the checks that need more than one
 * row ({@link CrossRowChecks}, which also mark the staged orders that are stored already), then the
 * rejects files and the bad-row threshold, in one transaction (but for the event files' checks, which may
 * run beside it in one of their own: {@link ChecksAtOnce}). Nothing of the drop's orders or of its
 * events' ids is stored here: that is {@link MergeDropTasklet}'s, part by part, once this has committed.
 */
public class CheckDropTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(CheckDropTasklet.class);

    private static final String BAD_ROWS_PER_FILE = """
            SELECT f.drop_date, f.file, f.records, count(r.line_no) AS bad
              FROM stage_file f LEFT JOIN stage_reject r USING (drop_date, file)
             GROUP BY f.drop_date, f.file, f.records ORDER BY f.drop_date, f.file
            """;

    private final JdbcClient jdbc;
    private final CrossRowChecks checks;
    private final RejectsWriter rejectsWriter;
    private final BadRowThreshold threshold;
    private final CrossRowChecks.SideBySide sideBySide;

    /** The checks one after the other, all in the step's transaction. */
    public CheckDropTasklet(JdbcClient jdbc, BadRowThreshold threshold) {
        this(jdbc, threshold, CrossRowChecks.SideBySide.IN_TURN);
    }

    /**
     * The event files' checks at once with the orders file's, on a connection and in a transaction of their
     * own ({@link ChecksAtOnce}), when the run may use more than one connection for its work.
     */
    public CheckDropTasklet(JdbcClient jdbc, BadRowThreshold threshold, PlatformTransactionManager transactionManager) {
        this(jdbc, threshold, new ChecksAtOnce(transactionManager));
    }

    private CheckDropTasklet(JdbcClient jdbc, BadRowThreshold threshold, CrossRowChecks.SideBySide sideBySide) {
        this.jdbc = jdbc;
        this.checks = new CrossRowChecks(jdbc);
        this.rejectsWriter = new RejectsWriter(jdbc);
        this.threshold = threshold;
        this.sideBySide = sideBySide;
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
        checks.run(run.businessDate(), run.carries(), sideBySide);

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

        counts.forEach(c -> log.info("{}/{}: {} records, {} bad rows", c.dropDate(), c.file(), c.records(), c.bad()));
    }

    record FileCount(LocalDate dropDate, String file, long records, long bad) {
    }
}
