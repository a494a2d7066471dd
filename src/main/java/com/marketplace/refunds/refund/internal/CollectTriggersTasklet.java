package com.marketplace.refunds.refund.internal;

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

/**
 * Before the night's triggers are decided, part by part: gathers them all ({@link TriggerCollector}),
 * once per date, in one transaction.
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
        if (OncePerDate.alreadyDone(jdbc, run.businessDate(), STEP)) {
            log.info("The triggers of {} were collected by an earlier attempt", run.businessDate());
            return RepeatStatus.FINISHED;
        }
        int triggers = new TriggerCollector(jdbc).collect(run.businessDate(), run.cutOff(), run.carries());
        OncePerDate.recordDone(jdbc, run.businessDate(), STEP);
        contribution.incrementWriteCount(triggers);
        CrashPoints.reach(STEP);
        log.info("{} triggers to decide for {}", triggers, run.businessDate());
        return RepeatStatus.FINISHED;
    }
}
