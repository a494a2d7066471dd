package com.marketplace.refunds.settlement.internal;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.shared.PaymentMethod;
import com.marketplace.refunds.shared.RunParameters;

/**
 * Before the night's triggers are decided: the date's settlement file of each payment method takes its
 * sequence and name, RESERVED, in a transaction of its own, so that the parts of the decisions, wherever
 * they run, write the refunds they approve straight into it (V24). Again on a restart: a file reserved
 * or claimed before is kept as it is.
 */
public final class ReserveSettlementFiles implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ReserveSettlementFiles.class);

    private final SettlementLedger ledger;
    private final TransactionTemplate transaction;

    public ReserveSettlementFiles(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.ledger = new SettlementLedger(dataSource);
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        RunParameters run = RunParameters.of(stepExecution.getJobExecution());
        List<String> files = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            for (PaymentMethod method : PaymentMethod.values()) {
                files.add(ledger.reserve(method, run.businessDate()));
            }
        });
        log.info("Settlement files of {}: {}", run.businessDate(), String.join(", ", files));
    }
}
