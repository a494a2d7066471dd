package com.marketplace.refunds.reconciliation.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.springframework.jdbc.core.RowCallbackHandler;

import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Break;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Order;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Outcome;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Refund;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Reported;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Result;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Transition;
import com.marketplace.refunds.reconciliation.internal.ReportLine.Kind;
import com.marketplace.refunds.shared.PgCopy.CopyRows;
import com.marketplace.refunds.shared.PgCopy.Spool;

/**
 * Takes the run's new report lines streamed by order (lines naming no refund of ours first), hands
 * each order's lines to {@link RefundReconciliation}, and spools what it gives — outcomes, status
 * transitions, breaks — to files that are then copied in: constant memory, whatever the size.
 */
final class ReconciledOrders implements RowCallbackHandler, Closeable {

    private final LocalDate businessDate;
    private final Spool outcomeFile;
    private final Spool transitionFile;
    private final Spool breakFile;
    private final CopyRows outcomes;
    private final CopyRows transitions;
    private final CopyRows breakRows;
    private final List<Reported> lines = new ArrayList<>();
    private String orderId;
    private Order order;
    private int breaks;
    private int transitionCount;

    ReconciledOrders(LocalDate businessDate) throws IOException {
        this.businessDate = businessDate;
        this.outcomeFile = Spool.create("outcomes");
        this.transitionFile = Spool.create("transitions");
        this.breakFile = Spool.create("breaks");
        this.outcomes = outcomeFile.rows();
        this.transitions = transitionFile.rows();
        this.breakRows = breakFile.rows();
    }

    /** The breaks found so far. */
    int breaks() {
        return breaks;
    }

    @Override
    public void processRow(ResultSet row) throws SQLException {
        String amount = row.getString("amount");
        ReportLine line = new ReportLine(row.getString("payment_method"), row.getString("report_file"),
                row.getInt("line_no"), row.getString("refund_id"), Kind.valueOf(row.getString("kind")),
                row.getString("processor_type"), row.getString("event_key"), row.getString("currency"),
                amount == null ? null : new java.math.BigDecimal(amount));
        String lineOrder = row.getString("order_id");
        if (!lines.isEmpty() && !Objects.equals(orderId, lineOrder)) {
            flush();
        }
        if (lines.isEmpty()) {
            orderId = lineOrder;
            order = lineOrder == null ? null : new Order(row.getLong("total_minor"), row.getLong("committed_minor"));
        }
        Refund refund = row.getBoolean("known") ? new Refund(line.refundId(), lineOrder, row.getString("refund_method"),
                row.getString("refund_currency"), row.getLong("amount_minor"), row.getString("status"),
                row.getInt("confirmations"), row.getInt("reversals"), row.getBoolean("reissued")) : null;
        lines.add(new Reported(line, refund));
    }

    private void flush() {
        Result result = RefundReconciliation.reconcile(order, lines);
        try {
            for (Outcome outcome : result.outcomes()) {
                Refund refund = outcome.refund();
                outcomes.row(businessDate, refund.refundId(), refund.paymentMethod(), refund.currency(),
                        refund.amountMinor(), refund.status(), outcome.endStatus(), outcome.confirmations(),
                        outcome.reversals());
            }
            for (Transition transition : result.transitions()) {
                transitions.row(++transitionCount, transition.refundId(), transition.from(), transition.to(),
                        transition.why());
            }
            for (Break broken : result.breaks()) {
                breakRows.row(businessDate, ++breaks, broken.type(), broken.paymentMethod(), broken.refundId(),
                        broken.currency(), broken.expectedAmount(), broken.reportedAmount(), broken.reportFile(),
                        broken.reportLine(), broken.detail());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.clear();
    }

    /** Reconciles the last order read, then copies what all the orders gave into the tables. */
    void copyInto(DataSource dataSource) {
        if (!lines.isEmpty()) {
            flush();
        }
        outcomeFile.copyInto(dataSource, "reconciliation_outcome (business_date, refund_id, payment_method, currency, "
                + "amount_minor, start_status, end_status, end_confirmations, end_reversals)");
        transitionFile.copyInto(dataSource, "stage_transition (seq, refund_id, from_status, to_status, why)");
        breakFile.copyInto(dataSource, "reconciliation_break (business_date, seq, break_type, payment_method, refund_id, "
                + "currency, expected_amount, reported_amount, report_file, report_line, detail)");
    }

    /** Deletes the spooled files. */
    @Override
    public void close() throws IOException {
        try (outcomeFile; transitionFile; breakFile) {
            lines.clear();
        }
    }
}
