package com.marketplace.refunds.partition;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.partition.internal.PartClaim;

/**
 * Under the run lock, before anything else (DeadRuns calls it first): step executions of the job
 * still STARTING/STARTED/STOPPING are parts whose run ended (timed out, failed, died) while a worker
 * had them or nobody took them. Without this, the restart is refused (TaskExecutorJobLauncher:
 * JobExecutionAlreadyRunningException; SimpleStepExecutionSplitter: "Cannot restart step from
 * STARTING status"). A part a live worker still holds keeps the run out; the others become FAILED.
 */
public final class StaleParts {

    private static final String OPEN_STEPS = """
            SELECT s.step_execution_id FROM batch_step_execution s
              JOIN batch_job_execution e USING (job_execution_id) JOIN batch_job_instance i USING (job_instance_id)
             WHERE i.job_name = :job AND s.status IN ('STARTING', 'STARTED', 'STOPPING')
            """;

    private StaleParts() {
    }

    /** Empty when every stale part is now FAILED; otherwise why the run must wait (exit 3, busy). */
    public static Optional<String> recover(JobRepository jobRepository, DataSource dataSource, String jobName)
            throws SQLException {
        List<Long> open = JdbcClient.create(dataSource).sql(OPEN_STEPS).param("job", jobName).query(Long.class).list();
        for (long id : open) {
            if (PartClaim.held(dataSource, id)) {
                return Optional.of("a worker is still running " + jobRepository.getStepExecution(id).getStepName()
                        + " of an earlier run; nothing was changed. Try again when it has finished.");
            }
        }
        for (long id : open) {
            StepExecution part = jobRepository.getStepExecution(id);
            part.setStatus(BatchStatus.FAILED);
            part.setExitStatus(ExitStatus.FAILED.addExitDescription("abandoned by its run; recovered by the next"));
            part.setEndTime(LocalDateTime.now());
            jobRepository.update(part);
        }
        return Optional.empty();
    }
}
