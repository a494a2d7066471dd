package com.marketplace.refunds.partition.internal;

import javax.sql.DataSource;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

import com.marketplace.refunds.partition.PartitionSettings;

/**
 * Spring Batch's MessageChannelPartitionHandler in its polling mode (a job repository set, no reply
 * channel): it sends one StepExecutionRequest per part and polls the repository until every part has
 * ended. It is wrapped in a {@link WatchedPartitionHandler}, which fails the run early and in one line.
 */
public final class RemoteParts {

    private final MessageChannel partRequests;
    private final JobRepository jobRepository;
    private final Broker broker;
    private final DataSource dataSource;
    private final PartitionSettings settings;

    RemoteParts(MessageChannel partRequests, JobRepository jobRepository, Broker broker, DataSource dataSource,
                PartitionSettings settings) {
        this.partRequests = partRequests;
        this.jobRepository = jobRepository;
        this.broker = broker;
        this.dataSource = dataSource;
        this.settings = settings;
    }

    public PartitionHandler handler(String workerStepName, int parts) {
        MessageChannelPartitionHandler messages = new MessageChannelPartitionHandler();
        messages.setStepName(workerStepName);
        messages.setGridSize(parts);
        messages.setMessagingOperations(new MessagingTemplate(partRequests));
        messages.setJobRepository(jobRepository); // polling mode: no reply queue, no aggregator (#4945)
        messages.setPollInterval(settings.checkEvery().toMillis());
        messages.setTimeout(-1); // the watch decides when to give up
        try {
            messages.afterPropertiesSet();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new WatchedPartitionHandler(messages, workerStepName, jobRepository, broker, dataSource, settings);
    }
}
