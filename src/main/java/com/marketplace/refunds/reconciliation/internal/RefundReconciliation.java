package com.marketplace.refunds.reconciliation.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.marketplace.refunds.reconciliation.BreakType;
import com.marketplace.refunds.reconciliation.internal.ReportLine.Kind;
import com.marketplace.refunds.shared.CardNumbers;
import com.marketplace.refunds.shared.Currencies;

/**
 * What the processors' events do to the refunds of one order, in the order they were read
 * (docs/refund-rules.md, netting). A line that agrees with its refund in method, currency and amount is an
 * event: with {@code c} confirmations and {@code r} reversals counted, the refund is
 * {@code REFUNDED} when {@code c > r}, {@code FAILED} when {@code 1 <= c <= r}, and stays
 * {@code REFUND_PROCESSING}, its balance held, while {@code c = 0}. So the order's balance is freed
 * only when the events say the money came back, and a failed refund paid again takes its amount
 * back only if the order still has it; otherwise the payment is a {@code PAID_AFTER_FAILURE} break.
 * Anything that is not an event is a break and moves nothing. Plain Java, one order at a time.
 */
final class RefundReconciliation {

    static final String WAITING = "WAITING_REFUND";
    static final String PROCESSING = "REFUND_PROCESSING";
    static final String REFUNDED = "REFUNDED";
    static final String FAILED = "FAILED";
    static final String PAID_OUTSIDE = "PAID_OUTSIDE";

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

        /** Reissued, or marked paid outside: done by an action, so no event changes its status again. */
        /** Held for review or cancelled before any file: never sent. */
        boolean sentNever() {
            return status.equals("HELD") || status.equals("CANCELLED");
        }

        boolean settledByAction() {
            return reissued || status.equals(PAID_OUTSIDE);
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
    }

    record Result(List<Outcome> outcomes, List<Transition> transitions, List<Break> breaks) {
    }

    private final Order order;
    private long committedMinor;
    private final Map<String, State> states = new LinkedHashMap<>();
    private final List<Transition> transitions = new ArrayList<>();
    private final List<Break> breaks = new ArrayList<>();

    private RefundReconciliation(Order order) {
        this.order = order;
        this.committedMinor = order == null ? 0 : order.committedMinor();
    }

    /**
     * The lines of one order (or, with a null order, lines that name no refund of ours), in the
     * order they were read.
     */
    static Result reconcile(Order order, List<Reported> lines) {
        RefundReconciliation reconciliation = new RefundReconciliation(order);
        lines.forEach(reconciliation::apply);
        return reconciliation.result();
    }

    /** One refund as the events leave it so far. */
    private static final class State {
        final Refund refund;
        String status;
        int confirmations;
        int reversals;

        State(Refund refund) {
            this.refund = refund;
            this.status = refund.status();
            this.confirmations = refund.confirmations();
            this.reversals = refund.reversals();
        }

        boolean paid() {
            return confirmations > reversals;
        }

        boolean changed() {
            return !status.equals(refund.status()) || confirmations != refund.confirmations()
                    || reversals != refund.reversals();
        }
    }

    private void apply(Reported reported) {
        ReportLine line = reported.line();
        Refund refund = reported.refund();
        if (line.kind() == Kind.UNHANDLED) {
            breaks.add(refund == null ? unknownLine(BreakType.UNHANDLED_REFUND_TYPE, line, unhandled(line))
                    : breakOf(BreakType.UNHANDLED_REFUND_TYPE, refund, line, unhandled(line)));
            return;
        }
        if (!line.hasReference()) {
            breaks.add(unknownLine(BreakType.UNKNOWN_REFERENCE, line,
                    "the line names no refund: one made in the processor's own interface or by another system"));
            return;
        }
        if (refund == null) {
            breaks.add(unknownLine(BreakType.UNKNOWN_REFERENCE, line, "no refund of ours has this reference"));
            return;
        }
        if (!line.paymentMethod().equals(refund.paymentMethod())) {
            breaks.add(unknownLine(BreakType.UNKNOWN_REFERENCE, line, "reported by " + line.paymentMethod()
                    + " for a refund sent to " + refund.paymentMethod()));
            return;
        }
        State state = states.computeIfAbsent(refund.refundId(), id -> new State(refund));
        if (state.status.equals(WAITING)) {
            breaks.add(unknownLine(BreakType.UNKNOWN_REFERENCE, line, "the refund has not been sent yet"));
            return;
        }
        if (state.refund.sentNever()) {
            breaks.add(unknownLine(BreakType.UNKNOWN_REFERENCE, line, "the refund was never sent: it is "
                    + state.status));
            return;
        }
        String disagreement = disagreement(refund, line);
        if (disagreement != null) {
            breaks.add(breakOf(disagreement.startsWith("currency") ? BreakType.CURRENCY_MISMATCH
                    : BreakType.AMOUNT_MISMATCH, refund, line, disagreement));
            return;
        }
        if (line.kind() == Kind.CONFIRMED) {
            confirm(state, line);
        }
        else {
            reverse(state, line);
        }
    }

    private void confirm(State state, ReportLine line) {
        if (state.refund.settledByAction()) {
            state.confirmations++;
            breaks.add(breakOf(BreakType.PAID_AFTER_FAILURE, state.refund, line, "paid after " + state.refund.settledHow()
                    + " (" + counts(state) + "): it stays " + state.status + "; recover the payment"));
            return;
        }
        boolean paidBefore = state.paid();
        state.confirmations++;
        String where = line.reportFile() + " line " + line.line();
        if (paidBefore) {
            breaks.add(breakOf(BreakType.DUPLICATE_CONFIRMATION, state.refund, line, "confirmed again ("
                    + counts(state) + "): the processor paid it more than once"));
        }
        else if (!state.paid()) {
            if (!state.status.equals(FAILED)) {
                move(state, FAILED, "confirmed in " + where + " after its reversal: paid out and sent back");
            }
        }
        else if (state.status.equals(PROCESSING)) {
            move(state, REFUNDED, "confirmed in " + where);
        }
        else if (state.status.equals(FAILED)) {
            if (order.totalMinor() - committedMinor >= state.refund.amountMinor()) {
                move(state, REFUNDED, "confirmed again in " + where + " after it had failed; its amount counts "
                        + "against the order again");
            }
            else {
                breaks.add(breakOf(BreakType.PAID_AFTER_FAILURE, state.refund, line, "paid after it had failed ("
                        + counts(state) + "), and the order's balance no longer holds it: it stays FAILED; "
                        + "recover the payment"));
            }
        }
    }

    private void reverse(State state, ReportLine line) {
        state.reversals++;
        String where = line.reportFile() + " line " + line.line();
        if (state.refund.settledByAction()) {
            breaks.add(breakOf(BreakType.REVERSED, state.refund, line, "reversed after " + state.refund.settledHow()
                    + " (" + counts(state) + "): nothing changes"));
            return;
        }
        if (state.confirmations == 0) {
            breaks.add(breakOf(BreakType.REVERSED, state.refund, line, "reversed before any confirmation: "
                    + "it stays REFUND_PROCESSING and its balance stays held until the processor confirms it"));
        }
        else if (state.reversals > state.confirmations) {
            breaks.add(breakOf(BreakType.REVERSED, state.refund, line, "reversed more often than confirmed ("
                    + counts(state) + "): nothing changes"));
        }
        else if (state.paid()) {
            breaks.add(breakOf(BreakType.REVERSED, state.refund, line, "a second payment came back (" + counts(state)
                    + "): the refund stays paid once"));
        }
        else if (state.status.equals(FAILED)) {
            breaks.add(breakOf(BreakType.REVERSED, state.refund, line, "the payment made after it had failed came "
                    + "back (" + counts(state) + ")"));
        }
        else {
            if (state.refund.status().equals(REFUNDED)) {
                breaks.add(breakOf(BreakType.REVERSED, state.refund, line, "confirmed in an earlier run, now reversed"));
            }
            move(state, FAILED, "reversed in " + where);
        }
    }

    private void move(State state, String to, String why) {
        boolean countedBefore = !state.status.equals(FAILED);
        boolean countedAfter = !to.equals(FAILED);
        if (countedBefore != countedAfter) {
            committedMinor += countedAfter ? state.refund.amountMinor() : -state.refund.amountMinor();
        }
        transitions.add(new Transition(state.refund.refundId(), state.status, to, why));
        state.status = to;
    }

    private Result result() {
        List<Outcome> outcomes = new ArrayList<>();
        for (State state : states.values()) {
            if (state.changed()) {
                outcomes.add(new Outcome(state.refund, state.status, state.confirmations, state.reversals));
            }
        }
        return new Result(outcomes, transitions, breaks);
    }

    private static String counts(State state) {
        return state.confirmations + " confirmation" + (state.confirmations == 1 ? "" : "s") + ", " + state.reversals
                + " reversal" + (state.reversals == 1 ? "" : "s");
    }

    private static String unhandled(ReportLine line) {
        return "a refund line of type " + line.processorType() + ", which the product does not act on: "
                + "nothing moved; check it with the processor";
    }

    /** Why the line disagrees with our refund in currency or amount, or null when it agrees. */
    private static String disagreement(Refund refund, ReportLine line) {
        if (!line.currency().equals(refund.currency())) {
            return "currency: reported " + line.currency() + ", sent " + refund.currency();
        }
        BigDecimal sent = BigDecimal.valueOf(refund.amountMinor(), Currencies.exponent(refund.currency()));
        return line.amount().compareTo(sent) == 0 ? null
                : "amount: reported " + line.amount().toPlainString() + ", sent " + sent.toPlainString();
    }

    private static Break breakOf(BreakType type, Refund refund, ReportLine line, String detail) {
        return new Break(type, refund.paymentMethod(), refund.refundId(), refund.currency(),
                BigDecimal.valueOf(refund.amountMinor(), Currencies.exponent(refund.currency())).toPlainString(),
                line.reportedAmount(), line.reportFile(), line.line(), detail);
    }

    private static Break unknownLine(BreakType type, ReportLine line, String detail) {
        // a reference that is not ours is shown as reported, but never a card number in it
        return new Break(type, line.paymentMethod(), line.hasReference() ? CardNumbers.mask(line.refundId()) : null,
                line.currency(), null, line.reportedAmount(), line.reportFile(), line.line(), detail);
    }
}
