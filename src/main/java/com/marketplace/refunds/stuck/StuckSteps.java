package com.marketplace.refunds.stuck;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.ReportCsv;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.stuck.internal.FlagStuckTasklet;

/** The stuck-refund steps of the nightly job: flagging, and stuck-refunds.csv. */
@Configuration(proxyBeanMethods = false)
public class StuckSteps {

    public static final String[] HEADER = {"refund_id", "refund_key", "order_id", "store_id", "buyer_id",
            "payment_method", "currency", "amount", "status", "approved_on", "age_days", "reason", "first_flagged_on"};

    /** Idempotent for its date: runs again on every attempt. */
    @Bean
    public Step flagStuckStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              DataSource dataSource, StuckRefunds stuckRefunds) {
        return new StepBuilder("flagStuckStep", jobRepository)
                .tasklet(new FlagStuckTasklet(JdbcClient.create(dataSource), stuckRefunds.stuckAfterDays()),
                        transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    public Step writeStuckReportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                     StuckRefunds stuckRefunds) {
        return new StepBuilder("writeStuckReportStep", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    RunParameters run = RunParameters.of(chunkContext);
                    long rows = ReportCsv.write(run.reportsOfDay().resolve("stuck-refunds.csv"), HEADER,
                            csv -> stuckRefunds.forEach(StuckFilter.all(run.businessDate()),
                                    stuck -> csv.row(StuckCells.of(stuck))));
                    contribution.incrementWriteCount(rows);
                    CrashPoints.reach("writeStuckReportStep");
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .allowStartIfComplete(true)
                .build();
    }
}
