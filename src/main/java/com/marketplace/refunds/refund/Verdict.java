package com.marketplace.refunds.refund;

/** The decision on one trigger; amounts in minor units, null where the contract leaves the cell empty. */
public record Verdict(Decision decision, Reason reason, Long askedMinor, Long approvedMinor) {

    public static Verdict rejected(Reason reason) {
        return new Verdict(Decision.REJECTED, reason, null, null);
    }

    public static Verdict pending(Reason reason) {
        return new Verdict(Decision.PENDING, reason, null, null);
    }

    /**
     * The contract's rule (section 3): a decision is final when it approves, or rejects for a reason that
     * cannot change ({@link Reason#mayChange}); a final decision is never made again for its refund key. A
     * wait, or a rejection for an order not known or not delivered yet, is decided again when the event comes
     * again. The database keeps the same rule as {@code decision.final} (a generated column, V2), on which
     * {@code decision_final_once} allows one final decision per key; a test checks the two agree.
     */
    public static boolean isFinal(Decision decision, Reason reason) {
        return decision.approved() || (decision == Decision.REJECTED && !reason.mayChange());
    }

    public boolean isFinal() {
        return isFinal(decision, reason);
    }

    public long approvedOrZero() {
        return approvedMinor == null ? 0 : approvedMinor;
    }
}
