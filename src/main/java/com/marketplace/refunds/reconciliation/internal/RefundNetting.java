package com.marketplace.refunds.reconciliation.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.marketplace.refunds.reconciliation.BreakType;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Break;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Order;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Outcome;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Refund;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Transition;
import com.marketplace.refunds.reconciliation.internal.ReportLine.Kind;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.RefundStatus;

/**
 * Netting (docs/refund-rules.md): what the lines naming the refunds of one order do to them. A line that
 * agrees with its refund in currency and amount is an event: with {@code c} confirmations and {@code r}
 * reversals counted, the refund is {@code REFUNDED} when {@code c > r}, {@code FAILED} when
 * {@code 1 <= c <= r}, and stays {@code REFUND_PROCESSING}, its balance held, while {@code c = 0}. So the
 * order's balance is freed only when the events say the money came back, and a failed refund paid again
 * takes its amount back only if the order still has it; otherwise the payment is a
 * {@code PAID_AFTER_FAILURE} break. A line that is no event is a break and moves nothing.
 */
final class RefundNetting {

    private final Order order;
    private long committedMinor;
    private final Map<String, NettedRefund> refunds = new LinkedHashMap<>();
    private final List<Transition> transitions = new ArrayList<>();
    private final List<Break> breaks;

    /** The order's refunds, their breaks added to {@code breaks}; a null order for lines that name no refund. */
    RefundNetting(Order order, List<Break> breaks) {
        this.order = order;
        this.committedMinor = order == null ? 0 : order.committedMinor();
        this.breaks = breaks;
    }

    /** A line that names the refund, sent by the refund's payment method. */
    void apply(Refund refund, ReportLine line) {
        NettedRefund state = refunds.computeIfAbsent(refund.refundId(), id -> new NettedRefund(refund));
        if (state.status == RefundStatus.WAITING_REFUND) {
            breaks.add(Break.unknownLine(BreakType.UNKNOWN_REFERENCE, line, "the refund has not been sent yet"));
            return;
        }
        if (state.refund.sentNever()) {
            breaks.add(Break.unknownLine(BreakType.UNKNOWN_REFERENCE, line, "the refund was never sent: it is "
                    + state.status));
            return;
        }
        String disagreement = disagreement(refund, line);
        if (disagreement != null) {
            breaks.add(Break.of(disagreement.startsWith("currency") ? BreakType.CURRENCY_MISMATCH
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

    private void confirm(NettedRefund state, ReportLine line) {
        if (state.refund.settledByAction()) {
            state.confirmations++;
            breaks.add(Break.of(BreakType.PAID_AFTER_FAILURE, state.refund, line, "paid after "
                    + state.refund.settledHow() + " (" + state.counts() + "): it stays " + state.status
                    + "; recover the payment"));
            return;
        }
        boolean paidBefore = state.paid();
        state.confirmations++;
        String where = line.reportFile() + " line " + line.line();
        if (paidBefore) {
            breaks.add(Break.of(BreakType.DUPLICATE_CONFIRMATION, state.refund, line, "confirmed again ("
                    + state.counts() + "): the processor paid it more than once"));
        }
        else if (!state.paid()) {
            if (state.status != RefundStatus.FAILED) {
                move(state, RefundStatus.FAILED, "confirmed in " + where + " after its reversal: paid out and sent back");
            }
        }
        else if (state.status == RefundStatus.REFUND_PROCESSING) {
            move(state, RefundStatus.REFUNDED, "confirmed in " + where);
        }
        else if (state.status == RefundStatus.FAILED) {
            if (order.totalMinor() - committedMinor >= state.refund.amountMinor()) {
                move(state, RefundStatus.REFUNDED, "confirmed again in " + where + " after it had failed; its amount counts "
                        + "against the order again");
            }
            else {
                breaks.add(Break.of(BreakType.PAID_AFTER_FAILURE, state.refund, line, "paid after it had failed ("
                        + state.counts() + "), and the order's balance no longer holds it: it stays " + RefundStatus.FAILED
                        + "; "
                        + "recover the payment"));
            }
        }
    }

    private void reverse(NettedRefund state, ReportLine line) {
        state.reversals++;
        String where = line.reportFile() + " line " + line.line();
        if (state.refund.settledByAction()) {
            breaks.add(Break.of(BreakType.REVERSED, state.refund, line, "reversed after " + state.refund.settledHow()
                    + " (" + state.counts() + "): nothing changes"));
            return;
        }
        if (state.confirmations == 0) {
            breaks.add(Break.of(BreakType.REVERSED, state.refund, line, "reversed before any confirmation: "
                    + "it stays " + RefundStatus.REFUND_PROCESSING + " and its balance stays held until the processor "
                    + "confirms it"));
        }
        else if (state.reversals > state.confirmations) {
            breaks.add(Break.of(BreakType.REVERSED, state.refund, line, "reversed more often than confirmed ("
                    + state.counts() + "): nothing changes"));
        }
        else if (state.paid()) {
            breaks.add(Break.of(BreakType.REVERSED, state.refund, line, "a second payment came back ("
                    + state.counts() + "): the refund stays paid once"));
        }
        else if (state.status == RefundStatus.FAILED) {
            breaks.add(Break.of(BreakType.REVERSED, state.refund, line, "the payment made after it had failed came "
                    + "back (" + state.counts() + ")"));
        }
        else {
            if (state.refund.is(RefundStatus.REFUNDED)) {
                breaks.add(Break.of(BreakType.REVERSED, state.refund, line, "confirmed in an earlier run, now reversed"));
            }
            move(state, RefundStatus.FAILED, "reversed in " + where);
        }
    }

    /** A failed refund does not count against the order's balance; every other one does. */
    private void move(NettedRefund state, RefundStatus to, String why) {
        boolean countedBefore = state.status != RefundStatus.FAILED;
        boolean countedAfter = to != RefundStatus.FAILED;
        if (countedBefore != countedAfter) {
            committedMinor += countedAfter ? state.refund.amountMinor() : -state.refund.amountMinor();
        }
        transitions.add(new Transition(state.refund.refundId(), state.status.name(), to.name(), why));
        state.status = to;
    }

    /** Where the refunds the events changed end, in the order the lines first named them. */
    List<Outcome> outcomes() {
        List<Outcome> outcomes = new ArrayList<>();
        for (NettedRefund state : refunds.values()) {
            if (state.changed()) {
                outcomes.add(state.outcome());
            }
        }
        return outcomes;
    }

    List<Transition> transitions() {
        return transitions;
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
}
