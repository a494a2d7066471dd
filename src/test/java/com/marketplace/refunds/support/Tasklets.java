package com.marketplace.refunds.support;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.intake.internal.BadRowThreshold;
import com.marketplace.refunds.intake.internal.CheckDropTasklet;
import com.marketplace.refunds.intake.internal.LoadExtractTasklet;
import com.marketplace.refunds.intake.internal.MergeDropTasklet;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.StepPart;

/**
 * Tasklets of the nightly job run one at a time as their steps run them, in one transaction with the
 * run's job parameters, without the rest of the job: for tests of one set-based piece on PostgreSQL.
 * The drops are under {@code <folder>/inbox}, the reports under {@code <folder>/reports}.
 */
public final class Tasklets {

    /** The job's default: a file fails the run above 5% and above 10 bad rows. */
    public static final BadRowThreshold DEFAULT_THRESHOLD = new BadRowThreshold(5, 10);

    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final Path folder;

    public Tasklets(DataSource dataSource, PlatformTransactionManager transactionManager, Path folder) {
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactionManager);
        this.folder = folder;
    }

    public Path inbox() {
        return folder.resolve("inbox");
    }

    public Path reports() {
        return folder.resolve("reports");
    }

    /** The run of the date over this folder, carrying the late drops of these dates. */
    public RunParameters run(LocalDate businessDate, LocalDate... carried) {
        return RunParameters.of(stepExecution(parameters(businessDate, carried)).getJobExecution());
    }

    /** Runs the tasklet, in one transaction, for the run of the date; returns what it counted. */
    public StepContribution execute(Tasklet tasklet, LocalDate businessDate, LocalDate... carried) {
        return execute(tasklet, new StepPart(0, 1), businessDate, carried);
    }

    /** Runs the tasklet as this part of its partitioned step, in one transaction, for the run of the date. */
    public StepContribution execute(Tasklet tasklet, StepPart part, LocalDate businessDate, LocalDate... carried) {
        StepExecution step = stepExecution(parameters(businessDate, carried));
        step.setExecutionContext(part.context());
        StepContribution contribution = new StepContribution(step);
        transaction.executeWithoutResult(status -> {
            try {
                tasklet.execute(contribution, new ChunkContext(new StepContext(step)));
            }
            catch (RuntimeException e) {
                throw e;
            }
            catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return contribution;
    }

    /**
     * The five load steps, then the checks with this threshold and the merge in one part, for the run of the
     * date: staging as the job leaves it. Returns what the merge counted.
     */
    public StepContribution loadAndMerge(BadRowThreshold threshold, LocalDate businessDate, LocalDate... carried) {
        loadAndCheck(threshold, businessDate, carried);
        return merge(new StepPart(0, 1), businessDate, carried);
    }

    /** The five load steps, then the checks with this threshold: the drop as the merge's parts take it. */
    public void loadAndCheck(BadRowThreshold threshold, LocalDate businessDate, LocalDate... carried) {
        for (Extract extract : Extract.values()) {
            execute(new LoadExtractTasklet(extract, dataSource), businessDate, carried);
        }
        execute(new CheckDropTasklet(JdbcClient.create(dataSource), threshold), businessDate, carried);
    }

    /** One part of the merge of the checked drop, in its own transaction. */
    public StepContribution merge(StepPart part, LocalDate businessDate, LocalDate... carried) {
        return execute(new MergeDropTasklet(JdbcClient.create(dataSource)), part, businessDate, carried);
    }

    /** {@link #loadAndMerge(BadRowThreshold, LocalDate, LocalDate...)} with the job's default threshold. */
    public StepContribution loadAndMerge(LocalDate businessDate, LocalDate... carried) {
        return loadAndMerge(DEFAULT_THRESHOLD, businessDate, carried);
    }

    private JobParameters parameters(LocalDate businessDate, LocalDate... carried) {
        return RunParameters.toJobParameters(businessDate, inbox(), folder.resolve("outbox"), reports(),
                List.of(carried), List.of());
    }

    private static StepExecution stepExecution(JobParameters parameters) {
        return MetaDataInstanceFactory.createStepExecution(parameters);
    }
}
