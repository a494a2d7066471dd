package com.marketplace.refunds.reconciliation;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.marketplace.refunds.reconciliation.internal.ProcessorReports;
import com.marketplace.refunds.reconciliation.internal.ReconcileTasklet;
import com.marketplace.refunds.reconciliation.internal.ReconciliationReports;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.RunParameters;

/** The reconciliation steps of the nightly job: matching the processor reports, and the auditor's reports. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconciliationSettings.class)
public class ReconciliationSteps {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataSource dataSource;
    private final ReconciliationSettings settings;

    ReconciliationSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        DataSource dataSource, ReconciliationSettings settings) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** One transaction, once per date: a restart after it completed does not reconcile again. */
    @Bean
    public Step reconcileStep() {
        return new StepBuilder("reconcileStep", jobRepository)
                .tasklet(new ReconcileTasklet(dataSource, settings.missingConfirmationAfterDays()), transactionManager)
                .build();
    }

    /** Only reads the database: written again on every attempt. */
    @Bean
    public Step writeReconciliationReportsStep() {
        ReconciliationReports reports = new ReconciliationReports(JdbcClient.create(dataSource));
        return new StepBuilder("writeReconciliationReportsStep", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    RunParameters run = RunParameters.of(chunkContext);
                    reports.write(run, ProcessorReports.scan(run).ignored());
                    CrashPoints.reach("writeReconciliationReportsStep");
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .allowStartIfComplete(true)
                .build();
    }
}
