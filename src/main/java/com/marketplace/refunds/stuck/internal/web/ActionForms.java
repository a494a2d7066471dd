package com.marketplace.refunds.stuck.internal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.marketplace.refunds.action.ActionKind;
import com.marketplace.refunds.action.ActionRefused;
import com.marketplace.refunds.action.ActionRequests;

/**
 * The site's two forms that change something, checked before anything is asked of the database, with the
 * rest of the site's rules: a parameter the form does not have, or one given twice, is a problem; a
 * message never repeats what was typed. The database checks again whatever it records.
 */
final class ActionForms {

    static final int LONGEST_REASON = 500;
    private static final Set<String> ALWAYS = Set.of("_csrf");

    private ActionForms() {
    }

    /** A request form, read; {@code problems} empty when it may go to the database. */
    record RequestForm(String action, String reason, String paymentReference, String outsideReference,
                       List<String> problems) {

        ActionRequests.Request request(String refundId) {
            return new ActionRequests.Request(action, refundId, null, null, reason, paymentReference, outsideReference);
        }
    }

    /** A decision form, read. */
    record DecisionForm(boolean approve, String reason, List<String> problems) {
    }

    static RequestForm request(Map<String, List<String>> parameters) {
        List<String> problems = new ArrayList<>(unknown(parameters,
                Set.of("action", "reason", "paymentReference", "outsideReference")));
        String action = single(parameters, "action", problems);
        if (action == null || !ActionDesk.ON_A_REFUND.contains(action)) {
            problems.add("Choose the action: reissue, paid-outside or cancel");
            action = null;
        }
        String reason = reason(parameters, problems, "Say why you ask for it");
        String paymentReference = single(parameters, "paymentReference", problems);
        String outsideReference = single(parameters, "outsideReference", problems);
        if (!ActionKind.REISSUE.word().equals(action)) {
            if (paymentReference != null) {
                problems.add("Only a reissue takes a new payment reference");
            }
            paymentReference = null;
        }
        if (!ActionKind.PAID_OUTSIDE.word().equals(action)) {
            if (outsideReference != null) {
                problems.add("Only paid-outside takes the reference of the other payment");
            }
            outsideReference = null;
        }
        else if (outsideReference == null) {
            problems.add("Give the reference of the other payment (the bank transfer's, say)");
        }
        reference("The new payment reference", paymentReference, problems);
        reference("The reference of the other payment", outsideReference, problems);
        return new RequestForm(action, reason, paymentReference, outsideReference, List.copyOf(problems));
    }

    static DecisionForm decision(Map<String, List<String>> parameters) {
        List<String> problems = new ArrayList<>(unknown(parameters, Set.of("decision", "reason")));
        String decision = single(parameters, "decision", problems);
        if (decision == null || !(decision.equals("approve") || decision.equals("reject"))) {
            problems.add("Choose approve or reject");
        }
        boolean approve = "approve".equals(decision);
        String reason = approve ? optionalReason(parameters, problems)
                : reason(parameters, problems, "Say why you reject it: the person who asked will read it");
        return new DecisionForm(approve, reason, List.copyOf(problems));
    }

    private static void reference(String label, String reference, List<String> problems) {
        if (reference == null) {
            return;
        }
        try {
            ActionRequests.checkReference(label, reference);
        }
        catch (ActionRefused refused) {
            problems.add(refused.getMessage());
        }
    }

    private static String reason(Map<String, List<String>> parameters, List<String> problems, String missing) {
        String reason = optionalReason(parameters, problems);
        if (reason == null) {
            problems.add(missing);
        }
        return reason;
    }

    private static String optionalReason(Map<String, List<String>> parameters, List<String> problems) {
        String reason = single(parameters, "reason", problems);
        if (reason == null) {
            return null;
        }
        if (reason.length() > LONGEST_REASON) {
            problems.add("The reason is longer than " + LONGEST_REASON + " characters; say it shorter");
            return null;
        }
        if (reason.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            problems.add("The reason holds control characters; type it again");
            return null;
        }
        return reason;
    }

    /** The value given once, stripped; null when absent or blank. */
    private static String single(Map<String, List<String>> parameters, String name, List<String> problems) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            problems.add(name + " is given " + values.size() + " times; give it once");
        }
        if (values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).strip();
    }

    private static List<String> unknown(Map<String, List<String>> parameters, Set<String> known) {
        long count = parameters.keySet().stream().filter(name -> !known.contains(name) && !ALWAYS.contains(name)).count();
        return count == 0 ? List.of() : List.of("The form carried " + count + " field" + (count == 1 ? "" : "s")
                + " it does not have; reload the page and fill it in again");
    }
}
