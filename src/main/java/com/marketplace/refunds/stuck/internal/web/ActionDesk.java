package com.marketplace.refunds.stuck.internal.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.action.ActionKind;
import com.marketplace.refunds.action.ActionRequests;
import com.marketplace.refunds.action.RequestStatus;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.shared.RefundStatus;

/**
 * What the site shows of actions and how it records them. Whether an action fits a refund is the
 * database's own rule ({@code action_unfit}, the one the requests and the nightly run use); a request
 * or a decision is recorded only through the database's functions ({@link ActionRequests}), in a
 * transaction opened READ WRITE for that call alone: every other transaction of the site stays read-only.
 */
@Component
class ActionDesk {

    /** The actions a person may ask for from one refund (release names a date and method: command line only). */
    static final List<String> ON_A_REFUND = Arrays.stream(ActionKind.values()).filter(ActionKind::onARefund)
            .map(ActionKind::word).toList();

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    static final int WAITING_SHOWN = 200;

    /** The actions that fit a refund now, or the request already pending on it (then nothing more may be asked). */
    record Choices(List<String> fitting, Long pendingRequest, String pendingStatus) {
    }

    /** A request waiting for a decision or for the next nightly run, with what applying it will do. */
    record Waiting(long requestId, String action, String refundId, String orderId, String status, String requestedBy,
                   String requestedAt, String reason, String decidedBy, String decidedAt, String decisionReason,
                   String refundStatus, String amount, String currency, String effect, String unfitNow) {
    }

    private static final String CHOICES = """
            SELECT id AS refund_id, p.request_id AS pending_request, p.status AS pending_status,
                   array_to_string(ARRAY(SELECT a FROM unnest(string_to_array(:actions, ',')) WITH ORDINALITY AS x (a, n)
                                          WHERE action_unfit(a, id, NULL, NULL, d.as_of) IS NULL ORDER BY n), ',')
                       AS fitting
              FROM unnest(string_to_array(:ids, ',')) AS id
             CROSS JOIN (SELECT last_completed_date() AS as_of) d
              LEFT JOIN LATERAL (SELECT q.request_id, q.status FROM action_request q
                                  WHERE q.refund_id = id AND q.status IN (%1$s, %2$s)
                                  ORDER BY q.request_id LIMIT 1) p ON true
            """.formatted(RequestStatus.REQUESTED.sql(), RequestStatus.APPROVED.sql());

    private static final String WAITING = """
            SELECT q.request_id, q.action, q.refund_id, q.held_on, q.payment_method, q.status, q.requested_by,
                   q.requested_at, q.reason, q.payment_reference, q.outside_reference, q.decided_by, q.decided_at,
                   q.decision_reason, r.order_id, r.status AS refund_status, r.currency, r.amount_minor,
                   r.payment_method AS refund_method,
                   action_unfit(q.action, q.refund_id, q.held_on, q.payment_method, d.as_of) AS unfit_now,
                   (SELECT count(*) FROM open_refund x
                     WHERE q.action = %3$s AND x.status = %4$s AND x.approved_on = q.held_on
                       AND x.payment_method = q.payment_method) AS held_count
              FROM action_request q
              LEFT JOIN any_refund r ON r.refund_id = q.refund_id
             CROSS JOIN (SELECT last_completed_date() AS as_of) d
             WHERE q.status IN (%1$s, %2$s)
             ORDER BY q.request_id
             LIMIT :limit
            """.formatted(RequestStatus.REQUESTED.sql(), RequestStatus.APPROVED.sql(), ActionKind.RELEASE.sql(),
                    RefundStatus.HELD.sql());

    private final JdbcClient jdbc;
    private final ActionRequests requests;
    private final TransactionTemplate readWrite;

    ActionDesk(JdbcClient jdbc, ActionRequests requests, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.readWrite = new TransactionTemplate(transactions);
    }

    /** For each refund id (letters, digits, '.', '_', '-': never a comma), the actions that fit it now. */
    Map<String, Choices> choices(List<String> refundIds) {
        Map<String, Choices> choices = new LinkedHashMap<>();
        if (refundIds.isEmpty()) {
            return choices;
        }
        jdbc.sql(CHOICES).param("actions", String.join(",", ON_A_REFUND)).param("ids", String.join(",", refundIds))
                .query((row, n) -> {
                    String fitting = row.getString("fitting");
                    Long pending = (Long) row.getObject("pending_request");
                    return Map.entry(row.getString("refund_id"), new Choices(pending != null || fitting.isEmpty()
                            ? List.of() : Arrays.asList(fitting.split(",")), pending, row.getString("pending_status")));
                }).list().forEach(entry -> choices.put(entry.getKey(), entry.getValue()));
        return choices;
    }

    Choices choices(String refundId) {
        return choices(List.of(refundId)).get(refundId);
    }

    /** The requests waiting, oldest first, at most {@link #WAITING_SHOWN}. */
    List<Waiting> waiting() {
        return jdbc.sql(WAITING).param("limit", WAITING_SHOWN).query((row, n) -> {
            String currency = row.getString("currency");
            String amount = currency == null ? null
                    : Money.format(row.getLong("amount_minor"), Currencies.exponent(currency));
            return new Waiting(row.getLong("request_id"), row.getString("action"), row.getString("refund_id"),
                    row.getString("order_id"), row.getString("status"), row.getString("requested_by"),
                    when(row.getObject("requested_at", OffsetDateTime.class)), row.getString("reason"),
                    row.getString("decided_by"), when(row.getObject("decided_at", OffsetDateTime.class)),
                    row.getString("decision_reason"), row.getString("refund_status"), amount, currency,
                    effect(row.getString("action"), row.getString("refund_id"), amount, currency,
                            row.getString("refund_method"), row.getString("order_id"),
                            row.getString("payment_reference"), row.getString("outside_reference"),
                            row.getObject("held_on", LocalDate.class), row.getString("payment_method"),
                            row.getLong("held_count")),
                    row.getString("unfit_now"));
        }).list();
    }

    /** What the next nightly run will do when it applies the action (docs/actions.md). */
    static String effect(String action, String refundId, String amount, String currency, String method, String orderId,
                         String paymentReference, String outsideReference, LocalDate heldOn, String heldMethod,
                         long held) {
        return switch (ActionKind.of(action).orElseThrow(() -> new IllegalArgumentException("no such action: " + action))) {
            case REISSUE -> "Pays " + amount + " " + currency + " again as a new " + method + " refund of order "
                    + orderId + " (capped at what is left to refund on it), to "
                    + (paymentReference == null ? "the order's payment reference" : "the new reference " + paymentReference)
                    + ", in that night's settlement file; " + refundId + " leaves the stuck list.";
            case PAID_OUTSIDE -> "Marks " + refundId + " (" + amount + " " + currency + ") PAID_OUTSIDE, paid by "
                    + outsideReference + ": it counts as refunded and leaves the stuck list; nothing is sent.";
            case CANCEL -> "Cancels " + refundId + " (" + amount + " " + currency + "): it is never sent, and no longer "
                    + "counts against what order " + orderId + " may still refund.";
            case RELEASE -> "Sends the " + held + " HELD " + heldMethod + " refund" + (held == 1 ? "" : "s")
                    + " approved on " + heldOn + " in that night's settlement file.";
        };
    }

    /** Records the person's request through {@code request_action}; returns its id. */
    long request(String person, ActionRequests.Request request) {
        return recording(() -> requests.request(person, request));
    }

    /** Records the person's decision through {@code decide_action}; returns the request's new status. */
    String decide(String person, long requestId, boolean approve, String reason) {
        return recording(() -> requests.decide(person, requestId, approve, reason));
    }

    private <T> T recording(Supplier<T> call) {
        return readWrite.execute(status -> {
            // the pool's sessions, and the role's default, are read-only; only this transaction may write
            jdbc.sql("SET TRANSACTION READ WRITE").update();
            return call.get();
        });
    }

    private static String when(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC).format(WHEN);
    }
}
