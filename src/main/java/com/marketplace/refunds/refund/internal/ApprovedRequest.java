package com.marketplace.refunds.refund.internal;

import java.time.LocalDate;

/** An approved action request (docs/actions.md), as the run applies it: for one refund, or for a held night. */
record ApprovedRequest(long requestId, String action, String refundId, LocalDate heldOn, String paymentMethod,
                       String reason, String paymentReference, String outsideReference, String requestedBy,
                       String decidedBy) {

    /** Why a refund moved, as its status history says it. */
    String because() {
        return "request " + requestId + " of " + requestedBy + ", approved by " + decidedBy + ": " + reason;
    }

    /** What the request is about, for the log: the refund, or the payment method and night held. */
    String subject() {
        return refundId != null ? refundId : paymentMethod + " held on " + heldOn;
    }
}
