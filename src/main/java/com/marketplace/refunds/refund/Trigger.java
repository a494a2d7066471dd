package com.marketplace.refunds.refund;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.marketplace.refunds.shared.Resolution;
import com.marketplace.refunds.shared.ReviewStatus;

/**
 * One event that may give rise to a refund. Each kind says what rejects it or makes it wait
 * (checked in the contract's order) and how much it asks for; {@link RefundRules} does the rest.
 */
public sealed interface Trigger {

    Duration FREE_RETURN_WINDOW = Duration.ofHours(15 * 24);

    TriggerType type();

    String refundKey();

    String orderId();

    Instant eventTime();

    /** A rejection or a wait that comes before the cap; empty when the trigger may be paid. */
    Optional<Verdict> precheck(OrderFacts order);

    /** The amount asked, given the refundable balance at the trigger's turn. */
    long amountAsked(OrderFacts order, long balanceMinor);

    record Cancellation(String cancellationId, String orderId, Instant requestedAt, Instant sellerConfirmedAt)
            implements Trigger {

        public TriggerType type() {
            return TriggerType.CANCELLATION;
        }

        public String refundKey() {
            return type().refundKey(cancellationId);
        }

        public Instant eventTime() {
            return requestedAt;
        }

        public Optional<Verdict> precheck(OrderFacts order) {
            if (order.shippedBy(requestedAt)) {
                return Optional.of(Verdict.rejected(Reason.SHIPPED_BEFORE_CANCELLATION));
            }
            if (sellerConfirmedAt == null) {
                return Optional.of(Verdict.pending(Reason.AWAITING_SELLER_CONFIRMATION));
            }
            return Optional.empty();
        }

        public long amountAsked(OrderFacts order, long balanceMinor) {
            return order.totalMinor();
        }
    }

    /** Only made for an order that is {@link #due} at the run's cut-off. */
    record AutoCancellation(String orderId, Instant shipDeadline) implements Trigger {

        /**
         * The contract's rule: an order not shipped (with tracking) by its ship deadline is cancelled
         * automatically by the first run whose cut-off is after that deadline.
         */
        public static boolean due(Instant shipDeadline, OrderFacts order, Instant cutOff) {
            return shipDeadline.isBefore(cutOff) && !order.shippedBy(shipDeadline);
        }

        /**
         * {@link #due} in SQL, for the collection's set-based statement: rows with {@code ship_deadline},
         * {@code shipped_at} and {@code tracking_number} under {@code alias}, the cut-off as {@code :cutOff}.
         */
        public static String dueSql(String alias) {
            return "%1$s.ship_deadline < :cutOff AND NOT %2$s".formatted(alias,
                    OrderFacts.shippedBySql(alias, alias + ".ship_deadline"));
        }

        public TriggerType type() {
            return TriggerType.AUTO_CANCELLATION;
        }

        public String refundKey() {
            return type().refundKey(orderId);
        }

        public Instant eventTime() {
            return shipDeadline;
        }

        public Optional<Verdict> precheck(OrderFacts order) {
            return Optional.empty();
        }

        public long amountAsked(OrderFacts order, long balanceMinor) {
            return order.totalMinor();
        }
    }

    /** Only made for an order the block {@link #reaches}. */
    record FraudBlock(String storeId, String orderId, Instant confirmedAt) implements Trigger {

        /**
         * The contract's rule: a block confirmed as fraud refunds each of the store's orders paid before
         * the block and not delivered before it.
         */
        public static boolean reaches(ReviewStatus reviewStatus, Instant blockedAt, Instant paidAt, Instant deliveredAt) {
            return reviewStatus == ReviewStatus.CONFIRMED_FRAUD && paidAt.isBefore(blockedAt)
                    && (deliveredAt == null || !deliveredAt.isBefore(blockedAt));
        }

        /**
         * {@link #reaches} in SQL, for the collection's set-based statement: the block's {@code review_status}
         * and {@code blocked_at} under {@code block}, the order's {@code paid_at} and {@code delivered_at} under
         * {@code order}.
         */
        public static String reachesSql(String block, String order) {
            return ("%1$s.review_status = %3$s AND %2$s.paid_at < %1$s.blocked_at"
                    + " AND (%2$s.delivered_at IS NULL OR %2$s.delivered_at >= %1$s.blocked_at)")
                    .formatted(block, order, ReviewStatus.CONFIRMED_FRAUD.sql());
        }

        public TriggerType type() {
            return TriggerType.FRAUD_BLOCK;
        }

        public String refundKey() {
            return type().refundKey(storeId, orderId);
        }

        public Instant eventTime() {
            return confirmedAt;
        }

        public Optional<Verdict> precheck(OrderFacts order) {
            return Optional.empty();
        }

        /** The refundable balance at its turn, so never capped. */
        public long amountAsked(OrderFacts order, long balanceMinor) {
            return balanceMinor;
        }
    }

    record FreeReturn(String returnId, String orderId, Instant requestedAt, Instant receivedAt) implements Trigger {

        public TriggerType type() {
            return TriggerType.FREE_RETURN;
        }

        public String refundKey() {
            return type().refundKey(returnId);
        }

        public Instant eventTime() {
            return receivedAt != null ? receivedAt : requestedAt;
        }

        public Optional<Verdict> precheck(OrderFacts order) {
            if (!order.freeReturn()) {
                return Optional.of(Verdict.rejected(Reason.NOT_FREE_RETURN));
            }
            if (order.deliveredAt() == null) {
                return Optional.of(Verdict.rejected(Reason.NOT_DELIVERED));
            }
            if (requestedAt.isAfter(order.deliveredAt().plus(FREE_RETURN_WINDOW))) {
                return Optional.of(Verdict.rejected(Reason.RETURN_WINDOW_EXPIRED));
            }
            if (receivedAt == null) {
                return Optional.of(Verdict.pending(Reason.AWAITING_RETURN));
            }
            return Optional.empty();
        }

        public long amountAsked(OrderFacts order, long balanceMinor) {
            return order.totalMinor();
        }
    }

    record Dispute(String disputeId, String orderId, Instant openedAt, Instant resolvedAt, Resolution resolution,
                   boolean returnRequired, Instant returnReceivedAt, Long payingMinor) implements Trigger {

        public TriggerType type() {
            return TriggerType.DISPUTE;
        }

        public String refundKey() {
            return type().refundKey(disputeId);
        }

        public Instant eventTime() {
            return resolvedAt;
        }

        public Optional<Verdict> precheck(OrderFacts order) {
            if (openedAt.isAfter(order.protectionExpiresAt())) {
                return Optional.of(Verdict.rejected(Reason.PROTECTION_EXPIRED));
            }
            if (!resolution.paysBuyer()) {
                return Optional.of(Verdict.rejected(Reason.NO_REFUND_RESOLUTION));
            }
            if (returnRequired && returnReceivedAt == null) {
                return Optional.of(Verdict.pending(Reason.AWAITING_RETURN));
            }
            return Optional.empty();
        }

        public long amountAsked(OrderFacts order, long balanceMinor) {
            return payingMinor;
        }
    }

    /**
     * An approved reissue of a failed refund: asks the failed refund's amount, capped like any
     * trigger by the order's refundable balance at its turn (which the failure freed).
     */
    record Reissue(String failedRefundId, int n, String orderId, Instant appliedAt, long failedAmountMinor)
            implements Trigger {

        public TriggerType type() {
            return TriggerType.REISSUE;
        }

        public String refundKey() {
            return type().refundKey(failedRefundId, String.valueOf(n));
        }

        public Instant eventTime() {
            return appliedAt;
        }

        public Optional<Verdict> precheck(OrderFacts order) {
            return Optional.empty();
        }

        public long amountAsked(OrderFacts order, long balanceMinor) {
            return failedAmountMinor;
        }
    }
}
