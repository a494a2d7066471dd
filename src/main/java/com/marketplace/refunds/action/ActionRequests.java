package com.marketplace.refunds.action;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.marketplace.refunds.shared.CardNumbers;
import com.marketplace.refunds.shared.Identifiers;

/**
 * Records action requests and decisions through the database's functions {@code request_action} and
 * {@code decide_action}, which enforce the four eyes and the roles whoever calls them; lists requests.
 * A refusal comes back as {@link ActionRefused} with the database's own words.
 */
@Component
public class ActionRequests {

    /** The words of {@link ActionKind}. */
    public static final Set<String> ACTIONS = Arrays.stream(ActionKind.values()).map(ActionKind::word)
            .collect(Collectors.toUnmodifiableSet());
    /** The names of {@link RequestStatus}, in the order a request can go through them. */
    public static final List<String> STATUSES = Arrays.stream(RequestStatus.values()).map(Enum::name).toList();

    /** What the database's functions raise for a person's mistake (a refusal, not a failure). */
    private static final Set<String> REFUSALS = Set.of("22023", "42501");

    public record Request(String action, String refundId, LocalDate heldOn, String paymentMethod, String reason,
                          String paymentReference, String outsideReference) {
    }

    public record Listed(long requestId, String action, String refundId, LocalDate heldOn, String paymentMethod,
                         String status, String requestedBy, OffsetDateTime requestedAt, String reason,
                         String decidedBy, OffsetDateTime decidedAt, String decisionReason, LocalDate settledOn,
                         String newRefundId, String detail) {
    }

    private static final String LIST = """
            SELECT request_id, action, refund_id, held_on, payment_method, status, requested_by, requested_at, reason,
                   decided_by, decided_at, decision_reason, settled_on, new_refund_id, detail
              FROM action_request
             WHERE (CAST(:status AS text) IS NULL OR status = :status)
               AND (CAST(:refundId AS text) IS NULL OR refund_id = :refundId)
             ORDER BY request_id
            """;

    private final JdbcClient jdbc;

    public ActionRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the person's request; returns its id. */
    public long request(String person, Request request) {
        checkReferences(request);
        return refusalsExplained(() -> jdbc.sql("SELECT request_action(?, ?, ?, ?, ?, ?, ?, ?)")
                .params(person, request.action(), request.refundId(), request.heldOn(), request.paymentMethod(),
                        request.reason(), request.paymentReference(), request.outsideReference())
                .query(Long.class).single());
    }

    /** Records the person's approval or rejection; returns the request's new status. */
    public String decide(String person, long requestId, boolean approve, String reason) {
        return refusalsExplained(() -> jdbc.sql("SELECT decide_action(?, ?, ?, ?)")
                .params(person, requestId, approve, reason).query(String.class).single());
    }

    public List<Listed> list(String status, String refundId) {
        return jdbc.sql(LIST).param("status", status).param("refundId", refundId).query(Listed.class).list();
    }

    /**
     * The references given with a request, checked like every payment reference the product reads
     * (docs/inputs.md): identifiers, never card numbers (they are shown in histories and reports).
     */
    public static void checkReferences(Request request) {
        checkReference("--payment-reference", request.paymentReference());
        checkReference("--outside-reference", request.outsideReference());
    }

    /** Refuses a reference that is a card number or no identifier, naming it as {@code option} says. */
    public static void checkReference(String option, String reference) {
        if (reference == null) {
            return;
        }
        if (CardNumbers.looksLikeCardNumber(reference)) {
            throw new ActionRefused(option + " looks like a card number: give the processor's reference for the "
                    + "payment, never the card's number");
        }
        if (!Identifiers.isValid(reference)) {
            throw new ActionRefused(option + " is not an identifier (1 to 64 letters, digits, '.', '_', '-'), as "
                    + "every payment reference the product reads");
        }
    }

    private static <T> T refusalsExplained(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        }
        catch (DataAccessException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql && REFUSALS.contains(sql.getSQLState())) {
                throw new ActionRefused(serverMessage(sql));
            }
            throw e;
        }
    }

    /** The message the function raised, without the driver's "ERROR:" and "Where:" lines. */
    private static String serverMessage(SQLException sql) {
        if (sql instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null) {
            return psql.getServerErrorMessage().getMessage();
        }
        return sql.getMessage();
    }
}
