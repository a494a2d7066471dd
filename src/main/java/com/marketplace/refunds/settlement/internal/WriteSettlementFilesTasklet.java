package com.marketplace.refunds.settlement.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.settlement.OutboxOwner;
import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Written;
import com.marketplace.refunds.settlement.internal.SettlementLedger.Claim;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.PaymentMethod;
import com.marketplace.refunds.shared.RunParameters;

/**
 * First the outbox: this database's, or marked as such if nobody's yet. Then for each payment method:
 * claim the date's file and its refunds (committed before any byte is written), write the file from
 * the database, publish it, record it as published. A restart finds
 * the claim and writes the same bytes again; a published file is never written again.
 */
public class WriteSettlementFilesTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(WriteSettlementFilesTasklet.class);

    private final JdbcClient jdbc;
    private final SettlementLedger ledger;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;

    public WriteSettlementFilesTasklet(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = JdbcClient.create(dataSource);
        this.ledger = new SettlementLedger(jdbc, new JdbcTemplate(dataSource));
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
        for (PaymentMethod method : PaymentMethod.values()) {
            long started = System.nanoTime();
            Claim claim = transaction.execute(status -> ledger.claim(method, run.businessDate(), run.jobExecutionId()));
            if (claim.published()) {
                log.info("{} was published before; nothing to send again", claim.fileName());
                continue;
            }
            log.info("{} claimed in {} ms", claim.fileName(), (System.nanoTime() - started) / 1_000_000);
            CrashPoints.reach("settlement-claimed");
            // read-only transaction: PostgreSQL streams the rows through a cursor only inside one
            Written written = readOnly.execute(status -> writeFile(folder, run, claim));
            CrashPoints.reach("settlement-before-publish-commit");
            transaction.executeWithoutResult(status -> ledger.publish(written));
            contribution.incrementWriteCount(written.recordCount());
            log.info("{}: {} refunds, totals {}, published in {} ms", written.fileName(), written.recordCount(),
                    written.totals(), (System.nanoTime() - started) / 1_000_000);
        }
        return RepeatStatus.FINISHED;
    }
}
