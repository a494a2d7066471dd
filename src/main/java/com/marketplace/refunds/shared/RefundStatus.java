package com.marketplace.refunds.shared;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A refund's status: WAITING_REFUND (or HELD for review) → REFUND_PROCESSING → REFUNDED, or FAILED when the
 * processor sends it back; PAID_OUTSIDE and CANCELLED only by an approved action (docs/actions.md). Every
 * feature spells a status through this enum, in SQL too ({@link #sql()}), so a status is written once.
 */
public enum RefundStatus {
    WAITING_REFUND, HELD, REFUND_PROCESSING, REFUNDED, FAILED, PAID_OUTSIDE, CANCELLED;

    /**
     * Outstanding: approved, and the money has neither reached the buyer nor come back (the reconciliation's
     * opening and closing balances count these). The other statuses end a refund's way through the processor.
     */
    public boolean outstanding() {
        return this == WAITING_REFUND || this == HELD || this == REFUND_PROCESSING;
    }

    /** The outstanding statuses as an SQL list: {@code 'WAITING_REFUND', 'HELD', 'REFUND_PROCESSING'}. */
    public static String outstandingSqlList() {
        return sqlList(Arrays.stream(values()).filter(RefundStatus::outstanding).toArray(RefundStatus[]::new));
    }

    /** The statuses that end the way: {@code 'REFUNDED', 'FAILED', 'PAID_OUTSIDE', 'CANCELLED'}. */
    public static String endedSqlList() {
        return sqlList(Arrays.stream(values()).filter(status -> !status.outstanding()).toArray(RefundStatus[]::new));
    }

    /** The status as an SQL literal, {@code 'FAILED'}, for the text-block SQL (a constant, never user input). */
    public String sql() {
        return "'" + name() + "'";
    }

    /** The statuses as an SQL list, {@code 'FAILED', 'CANCELLED'}, for {@code IN (...)}. */
    public static String sqlList(RefundStatus... statuses) {
        return Arrays.stream(statuses).map(RefundStatus::sql).collect(Collectors.joining(", "));
    }
}
