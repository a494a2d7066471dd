package com.marketplace.refunds.nightly;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.marketplace.refunds.shared.RunParameters;

/** {@code nightlyRefundJob}: the steps of one night, in the contract's order. */
@Configuration(proxyBeanMethods = false)
public class NightlyJobConfiguration {

    @Bean
    public Job nightlyRefundJob(JobRepository jobRepository, Step verifyDropStep, Step loadOrdersStep,
                                Step loadCancellationsStep, Step loadDisputeResolutionsStep, Step loadStoreBlocksStep,
                                Step loadFreeReturnsStep, Step checkDropStep, Step mergeDropStep, Step reconcileStep,
                                Step applyActionsStep, Step collectTriggersStep,
                                Step decideRefundsStep, Step recordApprovalsStep, Step holdStep,
                                Step writeSettlementFilesStep,
                                Step flagStuckStep,
                                Step writeDecisionsReportStep, Step writeReconciliationReportsStep,
                                Step writeStuckReportStep, Step writeManifestStep) {
        return new JobBuilder("nightlyRefundJob", jobRepository)
                .listener(new StepTimings())
                .start(verifyDropStep)
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
                .next(recordApprovalsStep)
                .next(holdStep)
                .next(writeSettlementFilesStep)
                .next(flagStuckStep)
                .next(writeDecisionsReportStep)
                .next(writeReconciliationReportsStep)
                .next(writeStuckReportStep)
                .next(writeManifestStep)
                .build();
    }

    /** Every step checks first that the run still holds its lock. */
    @Bean
    static RunLockGuard runLockGuard() {
        return new RunLockGuard();
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
