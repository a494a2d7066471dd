package com.marketplace.refunds.refund;

import javax.sql.DataSource;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.marketplace.refunds.partition.PartitionHandlers;
import com.marketplace.refunds.refund.internal.ActionsReport;
import com.marketplace.refunds.refund.internal.ApplyActionsTasklet;
import com.marketplace.refunds.refund.internal.CollectTriggersTasklet;
import com.marketplace.refunds.refund.internal.DecideRefundsTasklet;
import com.marketplace.refunds.refund.internal.DecisionsReport;
import com.marketplace.refunds.refund.internal.HoldTasklet;
import com.marketplace.refunds.refund.internal.RecordApprovalsTasklet;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.StepPart;

/** The refund steps of the nightly job: collecting and deciding the triggers, and the decisions report. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RefundSettings.class)
public class RefundSteps {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataSource dataSource;
    private final RefundSettings settings;

    RefundSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, DataSource dataSource,
                RefundSettings settings) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /**
     * Applies the approved actions (docs/actions.md) after the reconciliation, before the night's
     * triggers are decided, once per date in one transaction.
     */
    @Bean
    public Step applyActionsStep() {
        return new StepBuilder("applyActionsStep", jobRepository)
                .tasklet(new ApplyActionsTasklet(JdbcClient.create(dataSource)), transactionManager)
                .build();
    }

    /**
     * Holds an unusual night's refunds for review before the settlement files (docs/hold.md), once per
     * date in one transaction.
     */
    @Bean
    public Step holdStep() {
        RefundSettings.Hold hold = settings.hold();
        var tasklet = new HoldTasklet(JdbcClient.create(dataSource), hold.enabled(), hold.factor(), hold.minRefunds());
        return new StepBuilder("holdStep", jobRepository)
                .tasklet(tasklet, transactionManager)
                .build();
    }

    /**
     * Gathers the night's triggers, once per date, in {@code refunds.partitions.count} parts at once (the drop's
     * events, the orders the night reaches by itself), each in its own transaction, in threads of the run (the
     * work is PostgreSQL's: a remote worker would only pass the statements on).
     */
    @Bean
    public Step collectTriggersStep(Step collectTriggersPartStep, PartitionHandlers parts) {
        return new StepBuilder("collectTriggersStep", jobRepository)
                .partitioner("collectTriggersPartStep", StepPart.partitioner())
                .step(collectTriggersPartStep)
                .partitionHandler(parts.inThreads(collectTriggersPartStep))
                .build();
    }

    /** One part of the collection, in a thread of the run. */
    @Bean
    public Step collectTriggersPartStep() {
        return new StepBuilder("collectTriggersPartStep", jobRepository)
                .tasklet(new CollectTriggersTasklet(JdbcClient.create(dataSource)), transactionManager)
                .build();
    }

    /**
     * Decides the triggers in {@code refunds.partitions.count} independent parts by order, at once, each
     * in its own transaction (a Spring Batch partitioned step): in threads, or on remote workers
     * ({@code refunds.partitions.mode=remote}); each part runs once per date: a restart decides only the
     * parts that did not commit. Before the parts, the settlement steps reserve the date's files
     * ({@code reserveSettlementFiles}, known here by its name only), into which the parts write the
     * refunds they approve.
     */
    @Bean
    public Step decideRefundsStep(Step decideRefundsPartStep, PartitionHandlers parts,
                                  @Qualifier("reserveSettlementFiles") StepExecutionListener reserveSettlementFiles) {
        return new StepBuilder("decideRefundsStep", jobRepository)
                .listener(reserveSettlementFiles)
                .partitioner("decideRefundsPartStep", StepPart.partitioner())
                .step(decideRefundsPartStep)
                .partitionHandler(parts.of(decideRefundsPartStep))
                .build();
    }

    /** One part of the decisions, in a thread of the run or on a worker; it keeps nothing in the JVM between parts. */
    @Bean
    public Step decideRefundsPartStep() {
        return new StepBuilder("decideRefundsPartStep", jobRepository)
                .tasklet(new DecideRefundsTasklet(dataSource), transactionManager)
                .build();
    }

    /** The night's approvals into the status history, in decision order, once per date. */
    @Bean
    public Step recordApprovalsStep() {
        return new StepBuilder("recordApprovalsStep", jobRepository)
                .tasklet(new RecordApprovalsTasklet(JdbcClient.create(dataSource)), transactionManager)
                .build();
    }

    /** Writes decisions.csv (and actions.csv when the run applied any) again on every attempt: it only reads. */
    @Bean
    public Step writeDecisionsReportStep() {
        DecisionsReport report = new DecisionsReport(dataSource);
        ActionsReport actions = new ActionsReport(JdbcClient.create(dataSource));
        return new StepBuilder("writeDecisionsReportStep", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    RunParameters run = RunParameters.of(chunkContext);
                    contribution.incrementWriteCount(report.write(run.businessDate(), run.reportsOfDay()));
                    actions.write(run.businessDate(), run.reportsOfDay());
                    CrashPoints.reach("writeDecisionsReportStep");
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .allowStartIfComplete(true)
                .build();
    }
}
