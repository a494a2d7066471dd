package com.marketplace.refunds.intake.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.MDC;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.shared.Futures;

/**
 * The two groups of the drop's checks at once ({@link CrossRowChecks#run}): the one given first in a thread
 * of its own, on a connection and in a transaction of its own that commits when it is done, the other in
 * the caller's. The drop's check otherwise runs on one connection while the other core idles (a dense
 * night's event ids 1.8 s beside the orders' 2.0 s; README, "Measured"). What the first group commits is
 * staging and its rejects only: should the check then fail, the next attempt loads the drop again, which
 * empties both. Returns once both are done, so no check outlives the step; the first failure is thrown,
 * a second kept as suppressed.
 */
final class ChecksAtOnce implements CrossRowChecks.SideBySide {

    private final TransactionTemplate ownTransaction;

    ChecksAtOnce(PlatformTransactionManager transactionManager) {
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void run(Runnable beside, Runnable here) {
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> new Thread(task, "checkDrop-events"));
        try {
            Future<?> besideDone = thread.submit(() -> {
                if (logContext != null) {
                    MDC.setContextMap(logContext);
                }
                ownTransaction.executeWithoutResult(status -> beside.run());
            });
            RuntimeException failure = null;
            try {
                here.run();
            }
            catch (RuntimeException e) {
                failure = e;
            }
            Futures.awaitAll(List.of(besideDone), failure, "the drop's checks ran");
        }
        finally {
            thread.shutdownNow();
        }
    }
}
