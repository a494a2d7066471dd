package com.marketplace.refunds.reconciliation;

/** The kinds of reconciliation breaks, each with what an auditor or finance user should do about it. */
public enum BreakType {
    MISSING_CONFIRMATION("Sent long ago and never confirmed: ask the processor for the refund's status; "
            + "if it was never received, have it sent again."),
    UNKNOWN_REFERENCE("The processor reports a refund we did not send (or have not sent yet): "
            + "check the reference with the processor; it may be another merchant's or a manual refund."),
    AMOUNT_MISMATCH("The processor paid a different amount: the refund is not confirmed; "
            + "agree the amount with the processor and correct it."),
    CURRENCY_MISMATCH("The processor paid in another currency: the refund is not confirmed; "
            + "raise it with the processor."),
    DUPLICATE_CONFIRMATION("Confirmed more than once: make sure the buyer was paid only once; "
            + "recover any second payment."),
    REVERSED("The processor reports a refund came back. Once it was confirmed as often as reversed it is FAILED and "
            + "its balance is free: contact the buyer for other payment details. Reversed before any confirmation, "
            + "it stays REFUND_PROCESSING with its balance held: ask the processor what happened."),
    PAID_AFTER_FAILURE("The processor paid a refund that had failed, and the order's balance no longer holds it "
            + "(another refund took it): money went out beyond the order total; recover it from the buyer or the "
            + "processor."),
    UNHANDLED_REFUND_TYPE("A card refund line of a type the product does not act on (RefundedBulk, "
            + "RefundedExternally, ...): nothing moved; find out from the processor which refund it was and "
            + "whether it was paid.");

    private final String whatToDo;

    BreakType(String whatToDo) {
        this.whatToDo = whatToDo;
    }

    public String whatToDo() {
        return whatToDo;
    }
}
