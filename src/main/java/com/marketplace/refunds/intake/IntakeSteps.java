package com.marketplace.refunds.intake;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.marketplace.refunds.intake.internal.BadRowThreshold;
import com.marketplace.refunds.intake.internal.CheckDropTasklet;
import com.marketplace.refunds.intake.internal.LoadExtractTasklet;
import com.marketplace.refunds.intake.internal.MergeDropTasklet;
import com.marketplace.refunds.intake.internal.VerifyDropTasklet;
import com.marketplace.refunds.partition.PartitionHandlers;
import com.marketplace.refunds.shared.StepPart;

/**
 * The intake steps of the nightly job. They all start again on a restart (staging is rebuilt from
 * the drop, the merge is idempotent), so a restart never reads staging a crash left behind.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeSettings.class)
public class IntakeSteps {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataSource dataSource;
    private final IntakeSettings settings;

    IntakeSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, DataSource dataSource,
                IntakeSettings settings) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
        this.settings = settings;
    }

    @Bean
    public Step verifyDropStep() {
        return new StepBuilder("verifyDropStep", jobRepository)
                .tasklet(new VerifyDropTasklet(), transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    public Step loadOrdersStep() {
        return loadStep("loadOrdersStep", Extract.ORDERS);
    }

    @Bean
    public Step loadCancellationsStep() {
        return loadStep("loadCancellationsStep", Extract.CANCELLATIONS);
    }

    @Bean
    public Step loadDisputeResolutionsStep() {
        return loadStep("loadDisputeResolutionsStep", Extract.DISPUTE_RESOLUTIONS);
    }

    @Bean
    public Step loadStoreBlocksStep() {
        return loadStep("loadStoreBlocksStep", Extract.STORE_BLOCKS);
    }

    @Bean
    public Step loadFreeReturnsStep() {
        return loadStep("loadFreeReturnsStep", Extract.FREE_RETURNS);
    }

    /**
     * The checks of the whole drop and its rejects files, in one transaction; the event files' checks beside
     * the orders file's on a connection of their own when the run may use more than one connection for its
     * work ({@code refunds.partitions.count} above 1; a preview, on one connection, runs with 1).
     */
    @Bean
    public Step checkDropStep(@Value("${refunds.partitions.count:2}") int parts) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        BadRowThreshold threshold = new BadRowThreshold(settings.maxPercent(), settings.maxCount());
        var tasklet = parts > 1 ? new CheckDropTasklet(jdbc, threshold, transactionManager)
                : new CheckDropTasklet(jdbc, threshold);
        return new StepBuilder("checkDropStep", jobRepository)
                .tasklet(tasklet, transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    /**
     * The checked drop merged into the stored orders in {@code refunds.partitions.count} parts by order, at
     * once, each in its own transaction, in threads of the run (the work is PostgreSQL's: a remote worker
     * would only pass the statements on). Merged again on every attempt, as the check before it is.
     */
    @Bean
    public Step mergeDropStep(Step mergeDropPartStep, PartitionHandlers parts) {
        return new StepBuilder("mergeDropStep", jobRepository)
                .partitioner("mergeDropPartStep", StepPart.partitioner())
                .step(mergeDropPartStep)
                .partitionHandler(parts.inThreads(mergeDropPartStep))
                .aggregator(MergeDropTasklet.totals())
                .allowStartIfComplete(true)
                .build();
    }

    /** One part of the merge, in a thread of the run. */
    @Bean
    public Step mergeDropPartStep() {
        return new StepBuilder("mergeDropPartStep", jobRepository)
                .tasklet(new MergeDropTasklet(JdbcClient.create(dataSource)), transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    private Step loadStep(String name, Extract extract) {
        return new StepBuilder(name, jobRepository)
                .tasklet(new LoadExtractTasklet(extract, dataSource), transactionManager)
                .allowStartIfComplete(true)
                .build();
    }
}
