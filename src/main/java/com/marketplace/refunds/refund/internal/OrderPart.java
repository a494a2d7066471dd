package com.marketplace.refunds.refund.internal;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.scope.context.ChunkContext;

import com.marketplace.refunds.shared.StepPart;

/**
 * One of the independent parts of a night's triggers: the orders whose id hashes to {@code index}
 * out of {@code count}. Every trigger of an order is in the same part (the cap is per order), so
 * the parts can be decided at once, each in its own transaction, and give what one part gives.
 * The hash is md5's, not PostgreSQL's internal one, so a restart after an upgrade splits alike.
 */
public record OrderPart(int index, int count) {

    /** A condition on the order id of a row aliased {@code t}, with parameters :partition and :partitions. */
    static final String OF_ORDER = """
            ('x' || substr(md5(t.order_id), 1, 7))::bit(28)::int % :partitions = :partition""";

    public OrderPart {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("partition " + index + " of " + count);
        }
    }

    /** Spring Batch's partitioner: part i of n in each worker's execution context. */
    public static Partitioner partitioner() {
        return StepPart.partitioner();
    }

    /** The part a worker step was given (the whole night when the step is not partitioned). */
    static OrderPart of(ChunkContext chunkContext) {
        StepPart part = StepPart.of(chunkContext);
        return new OrderPart(part.index(), part.count());
    }

    /** Its name in step_done: the part and the split it belongs to. */
    String stepName() {
        return "decideRefundsStep:" + index + "/" + count;
    }

    @Override
    public String toString() {
        return "part " + (index + 1) + " of " + count;
    }
}
