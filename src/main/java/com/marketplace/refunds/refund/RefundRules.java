package com.marketplace.refunds.refund;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Decides one trigger, as the contract orders the checks: an unknown order, then the trigger's own
 * rejections and waits, then the cap against the refundable balance at its turn.
 */
public final class RefundRules {

    /**
     * The contract's order of a run's triggers: by event time, ties broken by refund key compared as UTF-8
     * bytes. The cap follows it, since each trigger sees the balance the triggers before it left.
     */
    public static final Comparator<Trigger> DECISION_ORDER = Comparator.comparing(Trigger::eventTime)
            .thenComparing(Trigger::refundKey, (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                    b.getBytes(StandardCharsets.UTF_8)));

    private RefundRules() {
    }

    /**
     * {@link #DECISION_ORDER} as an SQL {@code ORDER BY} list over rows with {@code event_time} and
     * {@code refund_key} under {@code alias} (the "C" collation compares the UTF-8 bytes).
     */
    public static String decisionOrderSql(String alias) {
        return "%1$s.event_time, %1$s.refund_key COLLATE \"C\"".formatted(alias);
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
