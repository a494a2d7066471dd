package com.marketplace.refunds.reconciliation.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.marketplace.refunds.reconciliation.BreakType;
import com.marketplace.refunds.reconciliation.internal.ReportLine.Kind;
import com.marketplace.refunds.shared.CardNumbers;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.RefundStatus;

/**
 * What the processors' report lines of one order do to its refunds, in the order they were read. A
 * line of a type the product does not act on, one that names no refund of ours, or one reported by
 * another payment method than the refund's is a break and moves nothing; the lines naming a refund
 * are netted ({@link RefundNetting}). Plain Java, one order at a time.
 */
final class RefundReconciliation {

    /**
     * Our refund as the run found it, with the events counted for it in earlier runs; reissued when an
     * action reissued it (docs/actions.md).
     */
    record Refund(String refundId, String orderId, String paymentMethod, String currency, long amountMinor,
                  String status, int confirmations, int reversals, boolean reissued) {

        Refund(String refundId, String orderId, String paymentMethod, String currency, long amountMinor,
               String status, int confirmations, int reversals) {
            this(refundId, orderId, paymentMethod, currency, amountMinor, status, confirmations, reversals, false);
        }

        boolean is(RefundStatus candidate) {
            return status.equals(candidate.name());
        }

        /** Held for review or cancelled before any file: never sent. */
        boolean sentNever() {
            return is(RefundStatus.HELD) || is(RefundStatus.CANCELLED);
        }

        /** Reissued, or marked paid outside: done by an action, so no event changes its status again. */
        boolean settledByAction() {
            return reissued || is(RefundStatus.PAID_OUTSIDE);
        }

        String settledHow() {
            return reissued ? "it was reissued" : "it was marked paid outside";
        }
    }

    /** The order's total and the sum of its refunds that count against it, as the run found them. */
    record Order(long totalMinor, long committedMinor) {
    }

    /** A report line with the refund of ours it names, or null when it names none. */
    record Reported(ReportLine line, Refund refund) {
    }

    /** Where a refund ends: its status and its counts of events; only for refunds the events changed. */
    record Outcome(Refund refund, String endStatus, int confirmations, int reversals) {
    }

    record Transition(String refundId, String from, String to, String why) {
    }

    record Break(BreakType type, String paymentMethod, String refundId, String currency, String expectedAmount,
                 String reportedAmount, String reportFile, int reportLine, String detail) {

        /** A break on a refund of ours: its amount as sent beside the amount reported. */
        static Break of(BreakType type, Refund refund, ReportLine line, String detail) {
            return new Break(type, refund.paymentMethod(), refund.refundId(), refund.currency(),
                    BigDecimal.valueOf(refund.amountMinor(), Currencies.exponent(refund.currency())).toPlainString(),
                    line.reportedAmount(), line.reportFile(), line.line(), detail);
        }

        /** A break on a line as reported, for no refund of ours. */
        static Break unknownLine(BreakType type, ReportLine line, String detail) {
            // a reference that is not ours is shown as reported, but never a card number in it
            return new Break(type, line.paymentMethod(), line.hasReference() ? CardNumbers.mask(line.refundId()) : null,
                    line.currency(), null, line.reportedAmount(), line.reportFile(), line.line(), detail);
        }
    }

    record Result(List<Outcome> outcomes, List<Transition> transitions, List<Break> breaks) {
    }

    private final List<Break> breaks = new ArrayList<>();
    private final RefundNetting netting;

    private RefundReconciliation(Order order) {
        this.netting = new RefundNetting(order, breaks);
    }

    /**
     * The lines of one order (or, with a null order, lines that name no refund of ours), in the
     * order they were read.
     */
    static Result reconcile(Order order, List<Reported> lines) {
        RefundReconciliation reconciliation = new RefundReconciliation(order);
        lines.forEach(reconciliation::apply);
        return new Result(reconciliation.netting.outcomes(), reconciliation.netting.transitions(),
                reconciliation.breaks);
    }

    private void apply(Reported reported) {
        ReportLine line = reported.line();
        Refund refund = reported.refund();
        if (line.kind() == Kind.UNHANDLED) {
            breaks.add(refund == null ? Break.unknownLine(BreakType.UNHANDLED_REFUND_TYPE, line, unhandled(line))
                    : Break.of(BreakType.UNHANDLED_REFUND_TYPE, refund, line, unhandled(line)));
            return;
        }
        if (!line.hasReference()) {
            breaks.add(Break.unknownLine(BreakType.UNKNOWN_REFERENCE, line,
                    "the line names no refund: one made in the processor's own interface or by another system"));
            return;
        }
        if (refund == null) {
            breaks.add(Break.unknownLine(BreakType.UNKNOWN_REFERENCE, line, "no refund of ours has this reference"));
            return;
        }
        if (!line.paymentMethod().equals(refund.paymentMethod())) {
            breaks.add(Break.unknownLine(BreakType.UNKNOWN_REFERENCE, line, "reported by " + line.paymentMethod()
                    + " for a refund sent to " + refund.paymentMethod()));
            return;
        }
        netting.apply(refund, line);
    }

    private static String unhandled(ReportLine line) {
        return "a refund line of type " + line.processorType() + ", which the product does not act on: "
                + "nothing moved; check it with the processor";
    }
}
