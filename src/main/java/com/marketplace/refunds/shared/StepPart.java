package com.marketplace.refunds.shared;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Part {@code index} of {@code count} of a partitioned step, as Spring Batch's partitioner hands it to
 * each worker step in its execution context (which a remote worker receives too). What a part holds is
 * its step's own choice: the orders whose id hashes to {@code index}.
 */
public record StepPart(int index, int count) {

    private static final String INDEX = "partition";
    private static final String COUNT = "partitions";

    public StepPart {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("partition " + index + " of " + count);
        }
    }

    /** Spring Batch's partitioner: part i of n in each worker's execution context. */
    public static Partitioner partitioner() {
        return gridSize -> {
            Map<String, ExecutionContext> parts = new LinkedHashMap<>();
            for (int i = 0; i < gridSize; i++) {
                parts.put("partition" + i, new StepPart(i, gridSize).context());
            }
            return parts;
        };
    }

    /** The execution context of the worker step that takes this part. */
    public ExecutionContext context() {
        ExecutionContext context = new ExecutionContext();
        context.putInt(INDEX, index);
        context.putInt(COUNT, count);
        return context;
    }

    /** The part a worker step was given (the whole night when the step is not partitioned). */
    public static StepPart of(ChunkContext chunkContext) {
        ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        return context.containsKey(COUNT) ? new StepPart(context.getInt(INDEX), context.getInt(COUNT))
                : new StepPart(0, 1);
    }

    /** This part's name in step_done for the step: the part and the split it belongs to ({@code step:i/n}). */
    public String doneName(String step) {
        return step + ":" + index + "/" + count;
    }

    @Override
    public String toString() {
        return "part " + (index + 1) + " of " + count;
    }
}
