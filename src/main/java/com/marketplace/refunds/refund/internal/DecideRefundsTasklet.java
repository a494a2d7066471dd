package com.marketplace.refunds.refund.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.action.ActionKind;
import com.marketplace.refunds.action.RequestStatus;
import com.marketplace.refunds.refund.OrderFacts;
import com.marketplace.refunds.refund.RefundId;
import com.marketplace.refunds.refund.RefundRules;
import com.marketplace.refunds.refund.Trigger;
import com.marketplace.refunds.refund.Verdict;
import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.OncePerDate;
import com.marketplace.refunds.shared.PgBinaryCopy.Rows;
import com.marketplace.refunds.shared.PgBinaryCopy.Spool;
import com.marketplace.refunds.shared.RefundStatus;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.StepPart;
import com.marketplace.refunds.shared.Timed;

/**
 * Decides one part of the night's collected triggers ({@link OrderPart}) in one transaction:
 * one streaming pass ordered by order, event time and refund key, a running balance per order, the
 * rules in plain Java; the decisions go back with COPY, and so do the approved ones: into the
 * date's settlement file of their payment method, reserved before the parts (REFUND_PROCESSING; the
 * claim then writes their history rows), or WAITING_REFUND when none is reserved. All or nothing
 * per part: a failed attempt leaves no decision of its part behind, and a part that committed is
 * never decided again. Holds no state between executions, so parts can run at once.
 */
public class DecideRefundsTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(DecideRefundsTasklet.class);

    /**
     * The part's triggers with their orders, by order, event time and refund key. The triggers are put in
     * that order before their orders are looked up, so consecutive lookups reach neighbouring pages of orders
     * (a night's new orders lie in about that order): on a dense night, 682,631 pages read for a part's
     * 630,124 triggers before, 72,038 after, 12.7 s to 7.3 s. Each decision keeps its trigger's event time,
     * which places it in the decisions report (V37): no part numbers the whole night's triggers.
     */
    static final String TRIGGERS_IN_ORDER = """
            SELECT t.refund_key, t.trigger_type, t.order_id, t.event_time, t.requested_at, t.seller_confirmed_at,
                   t.received_at, t.opened_at, t.resolution, t.return_required, t.amount_minor,
                   o.order_id IS NOT NULL AS known, o.currency, o.payment_method, o.payment_reference,
                   o.total_minor, coalesce(c.committed_minor, 0) AS committed_minor, o.shipped_at,
                   o.tracking_number IS NOT NULL AS tracked, o.delivered_at, o.free_return, o.protection_expires_at
              FROM (SELECT * FROM refund_trigger t
                     WHERE t.business_date = :businessDate AND %2$s
                     ORDER BY t.order_id COLLATE "C", %1$s) t
              LEFT JOIN orders o USING (order_id)
              LEFT JOIN order_commitment c USING (order_id)
             ORDER BY t.order_id COLLATE "C", %1$s
            """.formatted(RefundRules.decisionOrderSql("t"), OrderPart.OF_ORDER);

    private static final String REISSUES_DECIDED = """
            SELECT count(*) FROM action_request WHERE settled_on = :d AND action = %s AND status = %s
            """.formatted(ActionKind.REISSUE.sql(), RequestStatus.APPLIED.sql());

    private static final String DECISION_COLUMNS = """
            decision (business_date, seq, event_time, refund_key, refund_id, order_id, trigger_type, decision, reason,
                      currency, amount_asked_minor, amount_approved_minor)""";

    /** The approved ones, with their order's payment and their file, written by the same pass. */
    private static final String REFUND_COLUMNS = """
            refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference, currency,
                    amount_minor, status, approved_on, status_changed_on, settlement_file)""";

    /** The date's settlement files reserved for the night's refunds (the settlement steps', V24). */
    private static final String RESERVED_FILES = """
            SELECT payment_method, file_name FROM settlement_file WHERE business_date = :d AND status = 'RESERVED'
            """;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    public DecideRefundsTasklet(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(10_000);
        this.named = new NamedParameterJdbcTemplate(streaming);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        long started = System.nanoTime();
        RunParameters run = RunParameters.of(chunkContext);
        StepPart part = StepPart.of(chunkContext);
        if (OncePerDate.alreadyDone(jdbc, run.businessDate(), OrderPart.stepName(part))) {
            log.info("The triggers of {}, {}, were decided by an earlier attempt; nothing to decide again",
                    run.businessDate(), part);
            return RepeatStatus.FINISHED;
        }

        try (Spool decisions = Spool.create("decisions", dataSource, DECISION_COLUMNS);
             Spool approved = Spool.create("refunds", dataSource, REFUND_COLUMNS)) {
            Map<String, String> files = new HashMap<>();
            jdbc.sql(RESERVED_FILES).param("d", run.businessDate())
                    .query(row -> { files.put(row.getString("payment_method"), row.getString("file_name")); });
            // the reissues the actions decided come first in the decisions, numbered 1 to n: every trigger's is n + 1
            long reissues = jdbc.sql(REISSUES_DECIDED).param("d", run.businessDate()).query(Long.class).single();
            DecisionStream stream = new DecisionStream(run.businessDate(), Math.toIntExact(reissues + 1), files,
                    decisions.rows(), approved.rows());
            ByKey.runInKeyOrder(jdbc, () -> named.query(TRIGGERS_IN_ORDER, Map.of("businessDate", run.businessDate(),
                    "partition", part.index(), "partitions", part.count()), stream));
            log.info("{}: {} triggers decided in {} ms", part, stream.decided, (System.nanoTime() - started) / 1_000_000);
            Timed.rows(log, "decisions stored", () -> (int) decisions.copyInto(dataSource));
            int refunds = Timed.rows(log, "refunds created", () -> (int) approved.copyInto(dataSource));
            OncePerDate.recordDone(jdbc, run.businessDate(), OrderPart.stepName(part));
            contribution.incrementWriteCount(stream.decided);
            CrashPoints.reach("decideRefundsStep");
            log.info("{}: {} decisions, {} refunds approved, in {} ms", part, stream.decided, refunds,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return RepeatStatus.FINISHED;
    }

    /** Decides the rows as they stream in, keeping the balance of the order at hand. */
    private static final class DecisionStream implements RowCallbackHandler {

        private final LocalDate businessDate;
        private final int seq;
        private final Map<String, String> files;
        private final Rows decisions;
        private final Rows refunds;
        private String orderId;
        private long balance;
        private long decided;

        DecisionStream(LocalDate businessDate, int seq, Map<String, String> files, Rows decisions, Rows refunds) {
            this.businessDate = businessDate;
            this.seq = seq;
            this.files = files;
            this.decisions = decisions;
            this.refunds = refunds;
        }

        @Override
        public void processRow(ResultSet row) throws SQLException {
            Trigger trigger = TriggerRows.trigger(row);
            OrderFacts order = row.getBoolean("known") ? TriggerRows.order(row) : null;
            if (!trigger.orderId().equals(orderId)) {
                orderId = trigger.orderId();
                balance = order == null ? 0 : order.totalMinor() - row.getLong("committed_minor");
            }
            Verdict verdict = RefundRules.decide(trigger, order, balance);
            balance -= verdict.approvedOrZero();
            boolean approved = verdict.decision().approved();
            String refundId = approved ? RefundId.of(trigger.refundKey()) : null;
            try {
                decisions.row(businessDate, seq, row.getObject("event_time", OffsetDateTime.class), trigger.refundKey(),
                        refundId, trigger.orderId(), trigger.type(), verdict.decision(), verdict.reason(),
                        row.getString("currency"), verdict.askedMinor(), verdict.approvedMinor());
                if (approved) {
                    String method = row.getString("payment_method");
                    String file = files.get(method);
                    refunds.row(trigger.refundKey(), refundId, trigger.orderId(), trigger.type(), method,
                            row.getString("payment_reference"), row.getString("currency"), verdict.approvedMinor(),
                            file == null ? RefundStatus.WAITING_REFUND : RefundStatus.REFUND_PROCESSING, businessDate,
                            businessDate, file);
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            decided++;
        }
    }
}
