package com.marketplace.refunds.reconciliation.internal;

import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Outcome;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Refund;
import com.marketplace.refunds.shared.RefundStatus;

/** One refund as the events leave it so far: its status and its counts of confirmations and reversals. */
final class NettedRefund {

    final Refund refund;
    RefundStatus status;
    int confirmations;
    int reversals;

    NettedRefund(Refund refund) {
        this.refund = refund;
        this.status = RefundStatus.valueOf(refund.status());
        this.confirmations = refund.confirmations();
        this.reversals = refund.reversals();
    }

    /** Paid once: more confirmations than reversals. */
    boolean paid() {
        return confirmations > reversals;
    }

    boolean changed() {
        return !status.name().equals(refund.status()) || confirmations != refund.confirmations()
                || reversals != refund.reversals();
    }

    Outcome outcome() {
        return new Outcome(refund, status.name(), confirmations, reversals);
    }

    /** {@code 2 confirmations, 1 reversal}, for a break's detail. */
    String counts() {
        return confirmations + " confirmation" + (confirmations == 1 ? "" : "s") + ", " + reversals
                + " reversal" + (reversals == 1 ? "" : "s");
    }
}
