package com.marketplace.refunds.settlement.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.settlement.OutboxOwner;
import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Written;
import com.marketplace.refunds.settlement.internal.SettlementLedger.Claim;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.Futures;
import com.marketplace.refunds.shared.PaymentMethod;
import com.marketplace.refunds.shared.RunParameters;

/**
 * First the outbox: this database's, or marked as such if nobody's yet. Then for each payment method:
 * claim the date's file and its refunds (committed before any byte is written), write the file from
 * the database, publish it, record it as published. A restart finds
 * the claim and writes the same bytes again; a published file is never written again.
 * <p>
 * The methods share no refund, no file and no sequence, so unless told to go one at a time each
 * runs in a thread of its own, on a connection of its own: a claim and the reading of its file's
 * rows are each one statement that keeps one core of the database busy (on a dense night, since the
 * night's refunds go straight into the reserved files (V24), about 5 s and 7 s for the card file
 * against 3 s and 5 s for PayPal's). The step ends when both have; if one fails, the other still
 * finishes (its file published or left claimed for the restart) and the step fails with the first
 * failure.
 */
public class WriteSettlementFilesTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(WriteSettlementFilesTasklet.class);

    private final JdbcClient jdbc;
    private final SettlementLedger ledger;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;
    private final boolean atOnce;

    /** @param atOnce whether the payment methods go at once, each on a connection of its own */
    public WriteSettlementFilesTasklet(DataSource dataSource, PlatformTransactionManager transactionManager,
                                       boolean atOnce) {
        this.atOnce = atOnce;
        this.jdbc = JdbcClient.create(dataSource);
        this.ledger = new SettlementLedger(dataSource);
        this.transaction = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    private Written writeFile(Path folder, RunParameters run, Claim claim) {
        try {
            return SettlementFileWriter.write(folder, claim.method(), run.businessDate(), claim.sequence(),
                    ledger.rowsOf(claim));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(claim.fileName()), e);
        }
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        RunParameters run = RunParameters.of(chunkContext);
        Path folder = run.outbox().resolve(run.businessDate().toString());
        OutboxOwner.claim(jdbc, run.outbox());
        if (!atOnce) {
            for (PaymentMethod method : PaymentMethod.values()) {
                contribution.incrementWriteCount(send(method, folder, run));
            }
            return RepeatStatus.FINISHED;
        }
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        ExecutorService threads = Executors.newFixedThreadPool(PaymentMethod.values().length);
        try {
            List<Future<Long>> sent = new ArrayList<>();
            for (PaymentMethod method : PaymentMethod.values()) {
                sent.add(threads.submit(() -> {
                    Thread.currentThread().setName("settlement-" + method.name().toLowerCase(Locale.ROOT));
                    if (logContext != null) {
                        MDC.setContextMap(logContext);
                    }
                    return send(method, folder, run);
                }));
            }
            for (long refunds : Futures.awaitAll(sent, null, "the settlement files were written")) {
                contribution.incrementWriteCount(refunds);
            }
        }
        finally {
            threads.shutdownNow();
        }
        return RepeatStatus.FINISHED;
    }

    /** The method's file of the date: claimed, written, published; the number of refunds it sent tonight. */
    private long send(PaymentMethod method, Path folder, RunParameters run) {
        long started = System.nanoTime();
        Claim claim = transaction.execute(status -> ledger.claim(method, run.businessDate(), run.jobExecutionId()));
        if (claim.published()) {
            log.info("{} was published before; nothing to send again", claim.fileName());
            return 0;
        }
        log.info("{} claimed in {} ms", claim.fileName(), (System.nanoTime() - started) / 1_000_000);
        CrashPoints.reach("settlement-claimed");
        // read-only transaction: PostgreSQL streams the rows through a cursor only inside one
        Written written = readOnly.execute(status -> writeFile(folder, run, claim));
        CrashPoints.reach("settlement-before-publish-commit");
        transaction.executeWithoutResult(status -> ledger.publish(written));
        log.info("{}: {} refunds, totals {}, published in {} ms", written.fileName(), written.recordCount(),
                written.totals(), (System.nanoTime() - started) / 1_000_000);
        return written.recordCount();
    }
}
