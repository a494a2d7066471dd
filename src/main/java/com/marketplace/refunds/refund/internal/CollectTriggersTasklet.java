package com.marketplace.refunds.refund.internal;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.OncePerDate;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.StepPart;

/**
 * Before the night's triggers are decided, part by part: gathers them ({@link TriggerCollector}) in
 * {@code refunds.partitions.count} parts at once, each in its own transaction and once per date: the
 * drop's events in one, the orders the night reaches by itself (fraud blocks, missed ship deadlines) in
 * the other (with one part, both). The collection ran on one connection while the other core idled: a
 * dense night's 1,259,638 triggers, 4.6 s to 5.6 s (README, "Measured").
 */
public class CollectTriggersTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(CollectTriggersTasklet.class);
    private static final String STEP = "collectTriggersStep";

    private final JdbcClient jdbc;

    public CollectTriggersTasklet(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunParameters run = RunParameters.of(chunkContext);
        StepPart part = StepPart.of(chunkContext);
        String done = part.doneName(STEP);
        // the whole step's mark, as a build before the parts recorded it, counts for every part
        if (OncePerDate.alreadyDone(jdbc, run.businessDate(), STEP) || OncePerDate.alreadyDone(jdbc, run.businessDate(), done)) {
            log.info("The triggers of {}, {}, were collected by an earlier attempt", run.businessDate(), part);
            return RepeatStatus.FINISHED;
        }
        Set<TriggerCollector.Group> groups = TriggerCollector.Group.ofPart(part.index(), part.count());
        int triggers = new TriggerCollector(jdbc).collect(run.businessDate(), run.cutOff(), run.carries(), groups);
        OncePerDate.recordDone(jdbc, run.businessDate(), done);
        contribution.incrementWriteCount(triggers);
        CrashPoints.reach(STEP);
        log.info("{} triggers to decide for {} ({}: {})", triggers, run.businessDate(), part, groups);
        return RepeatStatus.FINISHED;
    }
}
