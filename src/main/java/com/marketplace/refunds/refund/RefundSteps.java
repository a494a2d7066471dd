package com.marketplace.refunds.refund;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.marketplace.refunds.refund.internal.DecideRefundsTasklet;
import com.marketplace.refunds.refund.internal.DecisionsReport;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.RunParameters;

/** The refund steps of the nightly job: deciding the triggers, and the decisions report. */
@Configuration(proxyBeanMethods = false)
public class RefundSteps {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataSource dataSource;

    public RefundSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, DataSource dataSource) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
    }

    /** Runs once per date: a restart after it completed does not decide again. */
    @Bean
    public Step decideRefundsStep() {
        return new StepBuilder("decideRefundsStep", jobRepository)
                .tasklet(new DecideRefundsTasklet(dataSource), transactionManager)
                .build();
    }

    /** Writes decisions.csv again on every attempt: it only reads. */
    @Bean
    public Step writeDecisionsReportStep() {
        DecisionsReport report = new DecisionsReport(new JdbcTemplate(dataSource));
        return new StepBuilder("writeDecisionsReportStep", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    RunParameters run = RunParameters.of(chunkContext);
                    contribution.incrementWriteCount(report.write(run.businessDate(), run.reportsOfDay()));
                    CrashPoints.reach("writeDecisionsReportStep");
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .allowStartIfComplete(true)
                .build();
    }
}
