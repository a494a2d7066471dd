package com.marketplace.refunds.reconciliation.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.marketplace.refunds.reconciliation.BreakType;
import com.marketplace.refunds.reconciliation.internal.ReportLine.Kind;
import com.marketplace.refunds.shared.Currencies;

/**
 * What the processors' lines about one refund do to it, in the order they were reported: a line
 * that agrees in method, currency and amount confirms (REFUND_PROCESSING → REFUNDED) or fails it
 * (→ FAILED); anything else is a break and moves nothing. Plain Java, one refund at a time.
 */
final class RefundReconciliation {

    /** Our refund as the run found it; null when no refund of ours has the reported id. */
    record Refund(String refundId, String paymentMethod, String currency, long amountMinor, String status) {
    }

    record Transition(String refundId, String from, String to, String why) {
    }

    record Break(BreakType type, String paymentMethod, String refundId, String currency, String expectedAmount,
                 String reportedAmount, String reportFile, int reportLine, String detail) {
    }

    record Result(String startStatus, String endStatus, List<Transition> transitions, List<Break> breaks) {
    }

    private RefundReconciliation() {
    }

    static Result reconcile(Refund refund, List<ReportLine> lines) {
        List<Transition> transitions = new ArrayList<>();
        List<Break> breaks = new ArrayList<>();
        if (refund == null) {
            lines.forEach(line -> breaks.add(unknown(line, "no refund of ours has this reference")));
            return new Result(null, null, transitions, breaks);
        }
        String status = refund.status();
        for (ReportLine line : lines) {
            if (!line.paymentMethod().equals(refund.paymentMethod())) {
                breaks.add(unknown(line, "reported by " + line.paymentMethod() + " for a refund sent to "
                        + refund.paymentMethod()));
                continue;
            }
            if (status.equals("WAITING_REFUND")) {
                breaks.add(unknown(line, "the refund has not been sent yet"));
                continue;
            }
            String disagreement = disagreement(refund, line);
            if (disagreement != null) {
                breaks.add(breakOf(disagreement.startsWith("currency") ? BreakType.CURRENCY_MISMATCH
                        : BreakType.AMOUNT_MISMATCH, refund, line, disagreement));
                continue;
            }
            String why = (line.kind() == Kind.CONFIRMED ? "confirmed in " : "reversed in ") + line.reportFile()
                    + " line " + line.line();
            if (line.kind() == Kind.CONFIRMED) {
                if (status.equals("REFUND_PROCESSING")) {
                    transitions.add(new Transition(refund.refundId(), status, "REFUNDED", why));
                    status = "REFUNDED";
                }
                else {
                    breaks.add(breakOf(BreakType.DUPLICATE_CONFIRMATION, refund, line,
                            status.equals("FAILED") ? "confirmed after it had failed" : "already confirmed"));
                }
            }
            else if (status.equals("FAILED")) {
                breaks.add(breakOf(BreakType.REVERSED, refund, line, "reversed again; it had already failed"));
            }
            else {
                if (status.equals("REFUNDED") && refund.status().equals("REFUNDED")) {
                    breaks.add(breakOf(BreakType.REVERSED, refund, line, "confirmed in an earlier run, now reversed"));
                }
                transitions.add(new Transition(refund.refundId(), status, "FAILED", why));
                status = "FAILED";
            }
        }
        return new Result(refund.status(), status, transitions, breaks);
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
                line.amount().toPlainString(), line.reportFile(), line.line(), detail);
    }

    private static Break unknown(ReportLine line, String detail) {
        return new Break(BreakType.UNKNOWN_REFERENCE, line.paymentMethod(), line.refundId(), line.currency(), null,
                line.amount().toPlainString(), line.reportFile(), line.line(), detail);
    }
}
