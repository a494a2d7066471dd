package com.marketplace.refunds.partition.internal;

import java.sql.SQLException;
import java.time.LocalDateTime;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.messaging.MessageHeaders;

import com.marketplace.refunds.partition.AppVersion;

/**
 * A worker's answer to one part request, on the listener's thread (so the message is acknowledged
 * only once the part's end is recorded): a request of a run that is over is dropped; a request of
 * another version is refused, recorded as the part's failure; a part another worker holds is left
 * to it; otherwise Spring Batch's StepExecutionRequestHandler runs it. That handler records a
 * failed part FAILED and returns normally, which is right (the failure is in the job repository);
 * but when even that record failed (the database lost), the message is rejected, not acknowledged.
 */
public final class PartRequests {

    private static final Logger log = LoggerFactory.getLogger(PartRequests.class);

    /** The exit code of a part a worker refused; its description is the one line the run prints. */
    public static final String REFUSED = "REFUSED";

    private final JobRepository jobRepository;
    private final StepExecutionRequestHandler handler;
    private final DataSource dataSource;
    private final AppVersion version;

    PartRequests(JobRepository jobRepository, StepExecutionRequestHandler handler, DataSource dataSource,
                 AppVersion version) {
        this.jobRepository = jobRepository;
        this.handler = handler;
        this.dataSource = dataSource;
        this.version = version;
    }

    void run(StepExecutionRequest request, MessageHeaders headers) {
        try {
            runGuarded(request, headers);
        }
        catch (SQLException e) {
            throw new AmqpRejectAndDontRequeueException("the database failed for " + request, e);
        }
    }

    private void runGuarded(StepExecutionRequest request, MessageHeaders headers) throws SQLException {
        StepExecution part = jobRepository.getStepExecution(request.getStepExecutionId());
        if (part == null || !part.getJobExecution().isRunning() || !part.getStatus().isRunning()) {
            log.info("Dropped {}: its run is over, or the part ended already", request);
            return;
        }
        String sender = headers.get(AppVersion.HEADER, String.class);
        if (!version.value().equals(sender)) {
            refuse(part, sender);
            return;
        }
        try (PartClaim claim = PartClaim.take(dataSource, part.getId())) {
            if (claim == null) {
                log.info("Left {} to the worker that holds it", request);
                return;
            }
            handler.handle(request);
            BatchStatus recorded = jobRepository.getStepExecution(part.getId()).getStatus();
            log.info("{} {} on this worker", part.getStepName(), recorded);
            if (recorded.isRunning() || recorded == BatchStatus.UNKNOWN) {
                throw new AmqpRejectAndDontRequeueException("the end of " + request + " could not be recorded ("
                        + recorded + "); the nightly run will see the part abandoned and fail");
            }
        }
    }

    private void refuse(StepExecution part, String sender) {
        String line = "a worker of version " + version.value() + " refused " + part.getStepName() + " sent by version "
                + sender + ": run workers of version " + sender + " (java -jar refund-settlement.jar worker)";
        log.warn("Refused: {}", line);
        part.setStatus(BatchStatus.FAILED);
        part.setExitStatus(new ExitStatus(REFUSED, line));
        part.setEndTime(LocalDateTime.now());
        jobRepository.update(part);
    }
}
