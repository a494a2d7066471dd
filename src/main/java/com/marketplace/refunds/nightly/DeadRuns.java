package com.marketplace.refunds.nightly;

import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.partition.StaleParts;

/**
 * Recovers the runs that died, once the run lock is held: no other nightly run is running, so whatever
 * looks running is dead, and an execution or a step left UNKNOWN (its last update failed with the
 * database) ended too. Both become FAILED, so the same command restarts them; every step is safe to run again.
 * Parts of a partitioned step that a run left to remote workers come first ({@link StaleParts}): a
 * part a live worker still holds keeps the next run out (busy); the others become FAILED.
 */
final class DeadRuns {

    private static final Logger log = LoggerFactory.getLogger(DeadRuns.class);

    /**
     * An execution left UNKNOWN, or one with a step left UNKNOWN: where steps run at once (the job's overlaps),
     * the execution ends FAILED while the step whose last update failed stays UNKNOWN, which Spring Batch then
     * refuses to restart.
     */
    private static final String UNKNOWN_EXECUTIONS = """
            SELECT e.job_execution_id FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id)
             WHERE i.job_name = :job
               AND (e.status = 'UNKNOWN'
                    OR EXISTS (SELECT 1 FROM batch_step_execution s
                                WHERE s.job_execution_id = e.job_execution_id AND s.status = 'UNKNOWN'))
            """;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final NightlyRuns nightlyRuns;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final String jobName;

    DeadRuns(DataSource dataSource, NightlyRuns nightlyRuns, JobOperator jobOperator, JobRepository jobRepository,
             String jobName) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.nightlyRuns = nightlyRuns;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.jobName = jobName;
    }

    /**
     * Marks the dead runs FAILED, in nightly_run and in the job repository; only under the run lock. Empty, or
     * why the run must wait: a worker still runs a part of an earlier run.
     */
    Optional<String> recover() throws SQLException {
        Optional<String> partHeld = StaleParts.recover(jobRepository, dataSource, jobName);
        if (partHeld.isPresent()) {
            return partHeld;
        }
        int dead = nightlyRuns.markDeadRunsFailed();
        for (JobExecution execution : jobRepository.findRunningJobExecutions(jobName)) {
            log.warn("Recovering job execution {} of a run that died without finishing", execution.getId());
            jobOperator.recover(execution);
        }
        for (Long id : jdbc.sql(UNKNOWN_EXECUTIONS).param("job", jobName).query(Long.class).list()) {
            JobExecution execution = jobRepository.getJobExecution(id);
            log.warn("Marking job execution {}, left UNKNOWN (or a step of it) by a lost database connection, FAILED", id);
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
                    step.setStatus(BatchStatus.FAILED);
                    step.setExitStatus(ExitStatus.FAILED);
                    jobRepository.update(step);
                }
            }
            execution.setStatus(BatchStatus.FAILED);
            execution.setExitStatus(ExitStatus.FAILED);
            jobRepository.update(execution);
        }
        if (dead > 0) {
            log.warn("{} earlier run(s) had died without finishing; marked FAILED", dead);
        }
        return Optional.empty();
    }
}
