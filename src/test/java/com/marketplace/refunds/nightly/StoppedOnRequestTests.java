package com.marketplace.refunds.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;

/** What the operator is told when SIGTERM stopped the run, whichever status Spring Batch recorded. */
class StoppedOnRequestTests {

    @Test
    void aRunEndedOnlyByTheStopRequestsInterruptionWasStoppedEvenWhenRecordedFailed() {
        JobExecution stopped = execution(BatchStatus.STOPPED);
        JobExecution failedByTheInterruption = execution(BatchStatus.FAILED);
        failedByTheInterruption.addFailureException(new JobInterruptedException("Job interrupted status detected."));
        JobExecution wrapped = execution(BatchStatus.FAILED);
        wrapped.addFailureException(new IllegalStateException("step", new JobInterruptedException("interrupted")));
        JobExecution failed = execution(BatchStatus.FAILED);
        failed.addFailureException(new JobInterruptedException("interrupted"));
        failed.addFailureException(new IllegalStateException("the disk is full"));
        JobExecution failedWithoutCause = execution(BatchStatus.FAILED);

        assertThat(RunFailure.stoppedOnRequest(stopped)).isTrue();
        assertThat(RunFailure.stoppedOnRequest(failedByTheInterruption)).isTrue();
        assertThat(RunFailure.stoppedOnRequest(wrapped)).isTrue();
        assertThat(RunFailure.stoppedOnRequest(failed)).as("another failure as well").isFalse();
        assertThat(RunFailure.stoppedOnRequest(failedWithoutCause)).isFalse();
    }

    private static JobExecution execution(BatchStatus status) {
        JobExecution execution = new JobExecution(1L, new JobInstance(1L, "nightlyRefundJob"), new JobParameters());
        execution.setStatus(status);
        return execution;
    }
}
