package com.marketplace.refunds.nightly;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.marketplace.refunds.shared.RunParameters;

/** {@code nightlyRefundJob}: the steps of one night, in the contract's order. */
@Configuration(proxyBeanMethods = false)
public class NightlyJobConfiguration {

    /**
     * The contract's order, with two overlaps. First, the tables of open items are vacuumed while the drop is
     * verified ({@link OpenItemsVacuum}: housekeeping, no part of the contract's order). Then, once the triggers
     * are decided, {@code decisions.csv} is written while the approvals enter the history, the hold looks at
     * them and the settlement files and stuck flags are written. It reads only the decisions and the actions
     * applied, which nothing after the decisions changes, and it ran on one core while the other idled (a dense
     * night's 1,259,638 decisions, 2.6 s to 3.6 s; README, "Measured"). The other reports come after both, as
     * they read what the files and flags left. With {@code refunds.partitions.count=1} (a preview, on one
     * connection) the overlapping steps go one after the other, in the order written here. (The loads at once,
     * the orders' beside the four others, was tried: no faster, the loads already keep both cores busy.)
     */
    @Bean
    public Job nightlyRefundJob(JobRepository jobRepository, Step verifyDropStep, Step loadOrdersStep,
                                Step loadCancellationsStep, Step loadDisputeResolutionsStep, Step loadStoreBlocksStep,
                                Step loadFreeReturnsStep, Step checkDropStep, Step mergeDropStep, Step reconcileStep,
                                Step applyActionsStep, Step collectTriggersStep,
                                Step decideRefundsStep, Step recordApprovalsStep, Step holdStep,
                                Step writeSettlementFilesStep,
                                Step flagStuckStep,
                                Step writeDecisionsReportStep, Step writeReconciliationReportsStep,
                                Step writeStuckReportStep, Step writeManifestStep, Step vacuumOpenItemsStep,
                                @Value("${refunds.partitions.count:2}") int parts) {
        Flow approvalsToStuckFlags = new FlowBuilder<SimpleFlow>("approvalsToStuckFlags")
                .start(recordApprovalsStep)
                .next(holdStep)
                .next(writeSettlementFilesStep)
                .next(flagStuckStep)
                .build();
        Flow afterDecisions = atOnce("afterDecisions", parts, approvalsToStuckFlags,
                flowOf("decisionsReport", writeDecisionsReportStep));
        Flow verifyBesideVacuum = atOnce("verifyBesideVacuum", parts, flowOf("verify", verifyDropStep),
                flowOf("vacuum", vacuumOpenItemsStep));
        return new JobBuilder("nightlyRefundJob", jobRepository)
                .listener(new StepTimings())
                .start(verifyBesideVacuum)
                .next(loadOrdersStep)
                .next(loadCancellationsStep)
                .next(loadDisputeResolutionsStep)
                .next(loadStoreBlocksStep)
                .next(loadFreeReturnsStep)
                .next(checkDropStep)
                .next(mergeDropStep)
                .next(reconcileStep)
                .next(applyActionsStep)
                .next(collectTriggersStep)
                .next(decideRefundsStep)
                .next(afterDecisions)
                .next(writeReconciliationReportsStep)
                .next(writeStuckReportStep)
                .next(writeManifestStep)
                .end()
                .build();
    }

    /** The flows side by side, each in a thread named after the split; one after the other with one part (a preview). */
    private static Flow atOnce(String name, int parts, Flow... flows) {
        TaskExecutor threads = parts > 1 ? new SimpleAsyncTaskExecutor(name + "-") : new SyncTaskExecutor();
        return new FlowBuilder<SimpleFlow>(name).split(threads).add(flows).build();
    }

    private static Flow flowOf(String name, Step step) {
        return new FlowBuilder<SimpleFlow>(name).start(step).build();
    }

    /** Every step checks first that the run still holds its lock. */
    @Bean
    static RunLockGuard runLockGuard() {
        return new RunLockGuard();
    }

    /**
     * First, beside the drop's verification: the tables of open items the nights before churned, and the
     * decisions' page ranges the nights before filled ({@link OpenItemsVacuum}). Its statements run outside any
     * transaction, each on a connection of its own, so the step holds no transaction of the database's: beside
     * the run lock's and the verification's connections it takes one of the pool, not two.
     */
    @Bean
    public Step vacuumOpenItemsStep(JobRepository jobRepository, DataSource dataSource,
                                    @Value("${refunds.preview:false}") boolean preview) {
        return new StepBuilder("vacuumOpenItemsStep", jobRepository)
                .tasklet(new OpenItemsVacuum(dataSource, preview), new ResourcelessTransactionManager())
                .allowStartIfComplete(true)
                .build();
    }

    /** Last: the manifest of every file the run read and wrote. */
    @Bean
    public Step writeManifestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return new StepBuilder("writeManifestStep", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    contribution.incrementWriteCount(Manifest.write(RunParameters.of(chunkContext), jdbc));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .allowStartIfComplete(true)
                .build();
    }
}
