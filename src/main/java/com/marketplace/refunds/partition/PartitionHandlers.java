package com.marketplace.refunds.partition;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

import com.marketplace.refunds.partition.internal.RemoteParts;

/** The partition handler of a partitioned step: threads of the nightly run, or workers through RabbitMQ. */
@Component
@EnableConfigurationProperties(PartitionSettings.class)
public class PartitionHandlers {

    private final PartitionSettings settings;
    private final ObjectProvider<RemoteParts> remote;

    PartitionHandlers(PartitionSettings settings, ObjectProvider<RemoteParts> remote) {
        this.settings = settings;
        this.remote = remote;
    }

    public int count() {
        return settings.count();
    }

    /**
     * A handler for {@link #count()} parts of the worker step, one per partitioned step (never shared between
     * steps); with the run lock, never between runs either (spring-batch #4945).
     */
    public PartitionHandler of(Step workerStep) {
        RemoteParts workers = remote.getIfAvailable();
        // a worker, which may share the run's settings, never runs the partitioned step itself: it has no RemoteParts
        if (settings.mode() == PartitionSettings.Mode.REMOTE && workers != null) {
            return workers.handler(workerStep.getName(), settings.count());
        }
        return inThreads(workerStep);
    }

    /**
     * A handler for {@link #count()} parts of the worker step in threads of the run, whatever the mode: for a
     * step whose parts are statements that PostgreSQL runs, which a remote worker would only pass on.
     */
    public PartitionHandler inThreads(Step workerStep) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(workerStep.getName() + "-");
        threads.setConcurrencyLimit(settings.count());
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(workerStep);
        handler.setGridSize(settings.count());
        handler.setTaskExecutor(threads);
        return handler;
    }
}
