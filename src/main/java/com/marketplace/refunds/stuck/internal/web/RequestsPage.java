package com.marketplace.refunds.stuck.internal.web;

import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

import com.marketplace.refunds.action.ActionRefused;
import com.marketplace.refunds.action.RequestStatus;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Holds;
import com.marketplace.refunds.shared.Money;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The requests waiting: those a finance person must approve or reject (who asked, why, the refund, what
 * applying it will do), and those approved that the next nightly run applies; and the refunds held for
 * review, which a release or a cancel brings out. Everybody signed in sees
 * the page; only FINANCE gets the forms, may post a decision (SupportSecurity), and the database checks
 * again that the decider is FINANCE and not the person who asked.
 */
@Controller
class RequestsPage {

    static final String PATH = "/support/requests";

    private final ActionDesk desk;
    private final JdbcClient jdbc;

    RequestsPage(ActionDesk desk, JdbcClient jdbc) {
        this.desk = desk;
        this.jdbc = jdbc;
    }

    @GetMapping(PATH)
    String list(@RequestParam(required = false) String decided, @RequestParam(required = false) String status,
                Model model) {
        if (decided != null && decided.matches("\\d{1,18}") && namesADecision(status)) {
            model.addAttribute("decided", Long.parseLong(decided));
            model.addAttribute("decidedStatus", status);
        }
        return show(model);
    }

    @PostMapping(SupportSecurity.DECISIONS)
    Object decide(@PathVariable String requestId, @RequestParam MultiValueMap<String, String> parameters, Model model,
                  HttpServletResponse response) {
        ActionForms.DecisionForm form = ActionForms.decision(parameters);
        model.addAttribute("decisionFor", requestId);
        model.addAttribute("typedReason", parameters.getFirst("reason"));
        if (!requestId.matches("\\d{1,18}")) {
            model.addAttribute("decisionProblems", List.of("A request is named by its number, like 12"));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(model);
        }
        if (!form.problems().isEmpty()) {
            model.addAttribute("decisionProblems", form.problems());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(model);
        }
        String status;
        try {
            status = desk.decide(SitePages.current().name(), Long.parseLong(requestId), form.approve(), form.reason());
        }
        catch (ActionRefused refused) {
            model.addAttribute("decisionProblems", List.of(refused.getMessage()));
            response.setStatus(HttpStatus.CONFLICT.value());
            return show(model);
        }
        RedirectView done = new RedirectView(PATH + "?decided=" + requestId + "&status=" + status, true);
        done.setStatusCode(HttpStatus.SEE_OTHER);
        return done;
    }

    /** Refunds held for review (docs/hold.md), by approval date, method and currency, the amount formatted. */
    record HeldRow(String approvedOn, String paymentMethod, String currency, long refunds, String amount) {
    }

    /** APPROVED or REJECTED: what a redirect after deciding may name (anything else in the URL is ignored). */
    private static boolean namesADecision(String status) {
        return Arrays.stream(RequestStatus.values()).anyMatch(known -> known.decided() && known.name().equals(status));
    }

    private String show(Model model) {
        List<ActionDesk.Waiting> waiting = desk.waiting();
        model.addAttribute("toDecide", waiting.stream().filter(w -> w.status().equals(RequestStatus.REQUESTED.name())).toList());
        model.addAttribute("toApply", waiting.stream().filter(w -> w.status().equals(RequestStatus.APPROVED.name())).toList());
        model.addAttribute("more", waiting.size() >= ActionDesk.WAITING_SHOWN);
        model.addAttribute("stillHeld", Holds.stillHeld(jdbc).stream().map(held -> new HeldRow(held.approvedOn()
                .toString(), held.paymentMethod(), held.currency(), held.refunds(),
                Money.format(held.amountMinor(), Currencies.exponent(held.currency())))).toList());
        return "support/requests";
    }
}
