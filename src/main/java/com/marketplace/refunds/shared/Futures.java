package com.marketplace.refunds.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work a step started in threads of its own. */
public final class Futures {

    private Futures() {
    }

    /**
     * Waits for every one of the futures, so none outlives the step that started it, and returns their
     * results in order. The first failure is thrown, the caller's own ({@code earlier}, or null) before any
     * of theirs; the later ones are kept as suppressed.
     *
     * @param what the work waited for, for the message should the waiting thread be interrupted
     */
    public static <T> List<T> awaitAll(List<Future<T>> futures, RuntimeException earlier, String what) {
        List<T> results = new ArrayList<>();
        RuntimeException failure = earlier;
        for (Future<T> each : futures) {
            try {
                results.add(each.get());
            }
            catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                }
                else {
                    failure.addSuppressed(cause);
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + what, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }
}
