package com.marketplace.refunds.nightly;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * SIGTERM during a run: asks the running job to stop at its next step boundary (the step in
 * flight commits or rolls back as a whole), then holds the JVM's shutdown until the run has
 * recorded how it ended, so it is never left STARTED. The same command then completes the date.
 * Spring Boot's own shutdown hook is off (application.properties): it would close the database
 * under the running step.
 */
public final class GracefulStop extends Thread {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
    private static final long MAX_WAIT_MINUTES = 30;

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final CountDownLatch finished = new CountDownLatch(1);

    GracefulStop(JobOperator jobOperator, JobRepository jobRepository) {
        super("graceful-stop");
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    public static GracefulStop install(JobOperator jobOperator, JobRepository jobRepository) {
        GracefulStop hook = new GracefulStop(jobOperator, jobRepository);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** The run has recorded its end: the JVM may go. */
    public void finished() {
        finished.countDown();
    }

    @Override
    public void run() {
        if (finished.getCount() == 0) {
            return;
        }
        for (JobExecution execution : jobRepository.findRunningJobExecutions("nightlyRefundJob")) {
            try {
                log.warn("Stop requested (SIGTERM): job execution {} stops at its next step boundary", execution.getId());
                jobOperator.stop(execution);
            }
            catch (Exception e) {
                log.warn("Could not ask job execution {} to stop: {}", execution.getId(), e.getMessage());
            }
        }
        try {
            if (!finished.await(MAX_WAIT_MINUTES, TimeUnit.MINUTES)) {
                log.error("The run did not stop within {} minutes; exiting anyway", MAX_WAIT_MINUTES);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
