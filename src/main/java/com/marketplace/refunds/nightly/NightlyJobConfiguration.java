package com.marketplace.refunds.nightly;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code nightlyRefundJob}: the steps of one night, in the contract's order. */
@Configuration(proxyBeanMethods = false)
public class NightlyJobConfiguration {

    @Bean
    public Job nightlyRefundJob(JobRepository jobRepository, Step verifyDropStep, Step loadOrdersStep,
                                Step loadCancellationsStep, Step loadDisputeResolutionsStep, Step loadStoreBlocksStep,
                                Step loadFreeReturnsStep, Step mergeDropStep, Step decideRefundsStep,
                                Step writeSettlementFilesStep, Step writeDecisionsReportStep) {
        return new JobBuilder("nightlyRefundJob", jobRepository)
                .listener(new StepTimings())
                .start(verifyDropStep)
                .next(loadOrdersStep)
                .next(loadCancellationsStep)
                .next(loadDisputeResolutionsStep)
                .next(loadStoreBlocksStep)
                .next(loadFreeReturnsStep)
                .next(mergeDropStep)
                .next(decideRefundsStep)
                .next(writeSettlementFilesStep)
                .next(writeDecisionsReportStep)
                .build();
    }
}
