package com.marketplace.refunds.refund;

/**
 * Decides one trigger, as the contract orders the checks: an unknown order, then the trigger's own
 * rejections and waits, then the cap against the refundable balance at its turn.
 */
public final class RefundRules {

    private RefundRules() {
    }

    /**
     * @param order        the order's facts, or null when the order is unknown
     * @param balanceMinor the order's refundable balance before this trigger
     */
    public static Verdict decide(Trigger trigger, OrderFacts order, long balanceMinor) {
        if (order == null) {
            return Verdict.rejected(Reason.UNKNOWN_ORDER);
        }
        return trigger.precheck(order).orElseGet(() -> cap(trigger.amountAsked(order, balanceMinor), balanceMinor));
    }

    /** {@code min(asked, balance)}: capped when it cuts, rejected when nothing is left. */
    static Verdict cap(long askedMinor, long balanceMinor) {
        if (balanceMinor <= 0) {
            return new Verdict(Decision.REJECTED, Reason.ALREADY_FULLY_REFUNDED, askedMinor, null);
        }
        if (askedMinor > balanceMinor) {
            return new Verdict(Decision.APPROVED_CAPPED, Reason.CAPPED_TO_BALANCE, askedMinor, balanceMinor);
        }
        return new Verdict(Decision.APPROVED, null, askedMinor, askedMinor);
    }
}
