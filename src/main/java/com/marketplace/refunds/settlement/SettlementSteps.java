package com.marketplace.refunds.settlement;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.marketplace.refunds.settlement.internal.WriteSettlementFilesTasklet;

/** The settlement step of the nightly job. */
@Configuration(proxyBeanMethods = false)
public class SettlementSteps {

    /**
     * The tasklet commits its own claims and publications, each in a transaction of its own, so
     * the step itself runs without one: a file is never written inside an open transaction.
     */
    @Bean
    public Step writeSettlementFilesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                         DataSource dataSource) {
        return new StepBuilder("writeSettlementFilesStep", jobRepository)
                .tasklet(new WriteSettlementFilesTasklet(dataSource, transactionManager),
                        new ResourcelessTransactionManager())
                .allowStartIfComplete(true)
                .build();
    }
}
