package com.marketplace.refunds.settlement;

import javax.sql.DataSource;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.marketplace.refunds.settlement.internal.ReserveSettlementFiles;
import com.marketplace.refunds.settlement.internal.WriteSettlementFilesTasklet;

/** The settlement step of the nightly job. */
@Configuration(proxyBeanMethods = false)
public class SettlementSteps {

    /**
     * Registered on the step that decides the night's refunds (by name: the refund steps know no
     * settlement class): reserves the date's files before it, so that its parts write the refunds they
     * approve straight into them (V24).
     */
    @Bean
    public StepExecutionListener reserveSettlementFiles(DataSource dataSource,
                                                        PlatformTransactionManager transactionManager) {
        return new ReserveSettlementFiles(dataSource, transactionManager);
    }

    /**
     * The tasklet commits its own claims and publications, each in a transaction of its own, so
     * the step itself runs without one: a file is never written inside an open transaction. The
     * payment methods go at once when the run may use more than one connection at a time for its
     * work ({@code refunds.partitions.count} above 1; a preview, on one connection, runs with 1).
     */
    @Bean
    public Step writeSettlementFilesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                         DataSource dataSource,
                                         @Value("${refunds.partitions.count:2}") int parts) {
        return new StepBuilder("writeSettlementFilesStep", jobRepository)
                .tasklet(new WriteSettlementFilesTasklet(dataSource, transactionManager, parts > 1),
                        new ResourcelessTransactionManager())
                .allowStartIfComplete(true)
                .build();
    }
}
