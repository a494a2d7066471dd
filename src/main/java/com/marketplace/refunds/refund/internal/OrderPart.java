package com.marketplace.refunds.refund.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One of the independent parts of a night's triggers: the orders whose id hashes to {@code index}
 * out of {@code count}. Every trigger of an order is in the same part (the cap is per order), so
 * the parts can be decided at once, each in its own transaction, and give what one part gives.
 * The hash is md5's, not PostgreSQL's internal one, so a restart after an upgrade splits alike.
 */
public record OrderPart(int index, int count) {

    private static final String INDEX = "partition";
    private static final String COUNT = "partitions";

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
        return gridSize -> {
            Map<String, ExecutionContext> parts = new LinkedHashMap<>();
            for (int i = 0; i < gridSize; i++) {
                ExecutionContext context = new ExecutionContext();
                context.putInt(INDEX, i);
                context.putInt(COUNT, gridSize);
                parts.put("partition" + i, context);
            }
            return parts;
        };
    }

    /** The part a worker step was given (the whole night when the step is not partitioned). */
    static OrderPart of(ChunkContext chunkContext) {
        ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        return context.containsKey(COUNT) ? new OrderPart(context.getInt(INDEX), context.getInt(COUNT))
                : new OrderPart(0, 1);
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
