package com.marketplace.refunds.partition.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.springframework.amqp.AmqpException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import com.marketplace.refunds.partition.PartitionSettings;
import com.marketplace.refunds.shared.ExplainedFailure;

/**
 * Runs the MessageChannelPartitionHandler (send, then poll the job repository) on a thread of its own
 * and watches, every {@code check-every}: a part refused by a worker of another version, RabbitMQ out
 * of reach, no worker listening, or a part whose worker is gone (its claim free) for longer than
 * {@code worker-wait}, each ends the run in one line; the poll is interrupted and the requests nobody
 * took are purged. Before sending anything it waits up to {@code worker-wait} for a worker.
 */
final class WatchedPartitionHandler implements PartitionHandler {

    private final PartitionHandler messages;
    private final String workerStep;
    private final JobRepository jobRepository;
    private final Broker broker;
    private final DataSource dataSource;
    private final PartitionSettings settings;

    WatchedPartitionHandler(PartitionHandler messages, String workerStep, JobRepository jobRepository, Broker broker,
                            DataSource dataSource, PartitionSettings settings) {
        this.messages = messages;
        this.workerStep = workerStep;
        this.jobRepository = jobRepository;
        this.broker = broker;
        this.dataSource = dataSource;
        this.settings = settings;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
        awaitAWorker();
        broker.purge(); // requests an earlier, failed run left: nothing else sends while the run lock is held
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "parts-" + manager.getId()));
        try {
            Future<Collection<StepExecution>> parts = thread.submit(() -> messages.handle(splitter, manager));
            Watch watch = new Watch(manager.getJobExecutionId());
            while (true) {
                try {
                    return explained(mirrored(parts.get(settings.checkEvery().toMillis(), TimeUnit.MILLISECONDS),
                            manager));
                }
                catch (TimeoutException notYet) {
                    Optional<String> failure = watch.failure();
                    if (failure.isPresent()) {
                        parts.cancel(true); // interrupts the poll's sleep
                        purgeQuietly();
                        throw new ExplainedFailure(failure.get());
                    }
                }
                catch (ExecutionException e) {
                    purgeQuietly();
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        finally {
            thread.shutdownNow();
        }
    }

    private void awaitAWorker() throws InterruptedException {
        Instant giveUp = Instant.now().plus(settings.workerWait());
        while (workersOrExplain() == 0) {
            if (Instant.now().isAfter(giveUp)) {
                throw new ExplainedFailure(noWorker());
            }
            Thread.sleep(settings.checkEvery().toMillis());
        }
    }

    private int workersOrExplain() {
        try {
            return broker.workers();
        }
        catch (AmqpException e) {
            throw new ExplainedFailure(brokerDown(e));
        }
    }

    /**
     * The parts as the workers ended them (read back from the job repository) copied onto the ones this run's
     * job execution holds, which still say STARTING: the run's summary and step timings read those.
     */
    private static Collection<StepExecution> mirrored(Collection<StepExecution> ended, StepExecution manager) {
        for (StepExecution part : ended) {
            for (StepExecution held : manager.getJobExecution().getStepExecutions()) {
                if (held != part && Objects.equals(held.getId(), part.getId())) {
                    held.setStatus(part.getStatus());
                    held.setExitStatus(part.getExitStatus());
                    held.setStartTime(part.getStartTime());
                    held.setEndTime(part.getEndTime());
                    held.setReadCount(part.getReadCount());
                    held.setWriteCount(part.getWriteCount());
                    held.setCommitCount(part.getCommitCount());
                    held.setRollbackCount(part.getRollbackCount());
                }
            }
        }
        return ended;
    }

    /** The parts as they ended; a refused or failed part becomes the run's one line. */
    private Collection<StepExecution> explained(Collection<StepExecution> parts) {
        for (StepExecution part : parts) {
            if (PartRequests.REFUSED.equals(part.getExitStatus().getExitCode())) {
                throw new ExplainedFailure(part.getExitStatus().getExitDescription());
            }
        }
        for (StepExecution part : parts) {
            if (part.getStatus() == BatchStatus.FAILED) {
                throw new ExplainedFailure(part.getStepName() + " failed on its worker: "
                        + part.getExitStatus().getExitDescription().lines().findFirst().orElse("no reason recorded")
                        + " (the worker's log has the details)");
            }
        }
        return parts;
    }

    private String noWorker() {
        return "no worker is listening on queue " + broker.queue() + " at " + broker.address() + " (waited "
                + settings.workerWait().toSeconds() + "s): start workers (java -jar refund-settlement.jar worker)";
    }

    private String brokerDown(Exception e) {
        return "cannot reach RabbitMQ at " + broker.address() + " (" + e.getMessage() + "): start it, or set "
                + "SPRING_RABBITMQ_HOST and SPRING_RABBITMQ_PORT";
    }

    private void purgeQuietly() {
        try {
            broker.purge();
        }
        catch (AmqpException e) {
            // out of reach: the next run purges, and workers drop requests of a run that is over
        }
    }

    /** What the run watches while its parts are out; each condition must last worker-wait. */
    private final class Watch {

        private final long jobExecutionId;
        private final Instant started = Instant.now();
        private final Map<Object, Instant> since = new HashMap<>();

        Watch(long jobExecutionId) {
            this.jobExecutionId = jobExecutionId;
        }

        Optional<String> failure() throws SQLException {
            List<StepExecution> parts = jobRepository.getJobExecution(jobExecutionId).getStepExecutions().stream()
                    .filter(step -> step.getStepName().startsWith(workerStep + ":")).toList();
            for (StepExecution part : parts) {
                if (PartRequests.REFUSED.equals(part.getExitStatus().getExitCode())) {
                    return Optional.of(part.getExitStatus().getExitDescription());
                }
            }
            List<StepExecution> open = parts.stream().filter(part -> part.getStatus().isRunning()).toList();
            if (open.isEmpty()) {
                return Optional.empty();
            }
            int workers;
            try {
                workers = broker.workers();
                lasted("broker down", false);
            }
            catch (AmqpException e) {
                return lasted("broker down", true) ? Optional.of(brokerDown(e)) : Optional.empty();
            }
            if (lasted("no worker", workers == 0)) {
                return Optional.of(noWorker() + "; " + open.size() + " of " + parts.size() + " parts not decided");
            }
            for (StepExecution part : open) {
                boolean abandoned = part.getStatus() == BatchStatus.STARTED && !PartClaim.held(dataSource, part.getId());
                if (lasted(part.getId(), abandoned)) {
                    return Optional.of(part.getStepName() + " was abandoned by its worker (killed, or cut off from "
                            + "the database) and no other worker took it up");
                }
            }
            Duration timeout = settings.timeout();
            if (!timeout.isZero() && Instant.now().isAfter(started.plus(timeout))) {
                return Optional.of(open.size() + " of " + parts.size() + " parts were not decided within "
                        + timeout.toMinutes() + " minutes (refunds.partitions.timeout)");
            }
            return Optional.empty();
        }

        /** Whether the condition has held for longer than worker-wait. */
        private boolean lasted(Object condition, boolean holds) {
            if (!holds) {
                since.remove(condition);
                return false;
            }
            Instant first = since.computeIfAbsent(condition, key -> Instant.now());
            return Instant.now().isAfter(first.plus(settings.workerWait()));
        }
    }
}
