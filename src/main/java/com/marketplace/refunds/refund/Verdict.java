package com.marketplace.refunds.refund;

/** The decision on one trigger; amounts in minor units, null where the contract leaves the cell empty. */
public record Verdict(Decision decision, Reason reason, Long askedMinor, Long approvedMinor) {

    public static Verdict rejected(Reason reason) {
        return new Verdict(Decision.REJECTED, reason, null, null);
    }

    public static Verdict pending(Reason reason) {
        return new Verdict(Decision.PENDING, reason, null, null);
    }

    public long approvedOrZero() {
        return approvedMinor == null ? 0 : approvedMinor;
    }
}
