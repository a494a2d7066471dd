package com.marketplace.refunds.partition;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code refunds.partitions.*} (README, "Remote workers"): into how many parts by order a night's decisions are
 * split, and where they run. The broker's address is Boot's own {@code spring.rabbitmq.*}
 * (SPRING_RABBITMQ_HOST, _PORT, _USERNAME, _PASSWORD, _VIRTUAL_HOST). The ranges are checked before any command
 * starts (nightly.BatchSettings).
 *
 * @param count      parts per night
 * @param mode       LOCAL (threads of the nightly run) or REMOTE (workers through RabbitMQ)
 * @param queue      the queue of part requests (its dead letters go to {@code <queue>.dead})
 * @param workerWait how long the run waits for a worker before sending, and how long it lets a worker, the
 *                   broker or a part be gone before it fails
 * @param checkEvery how often the run looks at its parts in the job repository
 * @param timeout    the longest the parts may take in all, 0 for no limit
 */
@ConfigurationProperties("refunds.partitions")
public record PartitionSettings(@DefaultValue("2") int count, @DefaultValue("local") Mode mode,
                                @DefaultValue("refund-settlement.parts") String queue,
                                @DefaultValue("60s") Duration workerWait, @DefaultValue("2s") Duration checkEvery,
                                @DefaultValue("0s") Duration timeout) {

    public enum Mode {
        LOCAL, REMOTE
    }
}
