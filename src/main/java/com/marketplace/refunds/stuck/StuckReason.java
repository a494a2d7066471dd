package com.marketplace.refunds.stuck;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.marketplace.refunds.shared.RefundStatus;

/**
 * Why a refund is stuck, which follows from its status alone (CONTRACT section 6): the one place the
 * reasons, the status each stems from, and what each means for the buyer are written. The flagging
 * and the stuck list compute it in SQL, from {@link #sql(String)}, which is built from these constants.
 */
public enum StuckReason {

    NEVER_SENT(RefundStatus.WAITING_REFUND, "Approved but never sent to the processor: the buyer has not been paid. Finance must "
            + "find out why the refund was not in a settlement file."),
    HELD(RefundStatus.HELD, "Held for review before it was sent (an unusual night): the buyer has not been paid. Finance releases "
            + "it or cancels it."),
    NO_CONFIRMATION(RefundStatus.REFUND_PROCESSING, "Sent to the processor, never confirmed: the money may be on its way or lost. "
            + "The processor must be asked."),
    /** Every other status an open refund can have: FAILED and not yet reissued or paid another way. */
    FAILED(null, "The processor or the bank sent the refund back (a closed card, for example): the buyer has not been "
            + "paid and must be asked for other payment details; then request a reissue (or mark it paid outside once "
            + "paid another way).");

    private final RefundStatus status;
    private final String forTheBuyer;

    StuckReason(RefundStatus status, String forTheBuyer) {
        this.status = status;
        this.forTheBuyer = forTheBuyer;
    }

    /** The reason of an open refund with this status. */
    public static StuckReason of(String refundStatus) {
        return Arrays.stream(values()).filter(reason -> reason.status != null && refundStatus.equals(reason.status.name())).findFirst()
                .orElse(FAILED);
    }

    /** What it means for the buyer, as support tells it (the README's table says the same). */
    public String forTheBuyer() {
        return forTheBuyer;
    }

    /** The same rule as {@link #of(String)}, as a SQL expression over a column holding the refund's status. */
    public static String sql(String statusColumn) {
        return Arrays.stream(values()).filter(reason -> reason.status != null)
                .map(reason -> "WHEN " + reason.status.sql() + " THEN '" + reason.name() + "'")
                .collect(Collectors.joining(" ", "CASE " + statusColumn + " ", " ELSE '" + FAILED.name() + "' END"));
    }
}
