package com.marketplace.refunds.stuck.internal.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

import com.marketplace.refunds.action.ActionRefused;
import com.marketplace.refunds.shared.Identifiers;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A refund's page: what it is, its history, its order's other refunds, the actions asked on it, and the
 * form to ask for one of the actions that fit it now. A request is recorded by the database's own
 * function, as the signed-in person; a refusal (the action no longer fits, a request already pending)
 * is shown on the page with the form as it was typed.
 */
@Controller
class RefundPage {

    static final String PATH = "/support/refunds/{refundId}";

    private final RefundDetails details;
    private final ActionDesk desk;

    RefundPage(RefundDetails details, ActionDesk desk) {
        this.details = details;
        this.desk = desk;
    }

    @GetMapping(PATH)
    String refund(@PathVariable String refundId, @RequestParam(required = false) String request,
                  @RequestParam(required = false) String requested, Model model, HttpServletResponse response) {
        Map<String, String> typed = new HashMap<>();
        if (request != null && ActionDesk.ON_A_REFUND.contains(request)) {
            typed.put("action", request);
        }
        model.addAttribute("typed", typed);
        if (requested != null && requested.matches("\\d{1,18}")) {
            model.addAttribute("requested", Long.parseLong(requested));
        }
        return show(refundId, model, response);
    }

    @PostMapping(PATH + "/requests")
    Object ask(@PathVariable String refundId, @RequestParam MultiValueMap<String, String> parameters, Model model,
               HttpServletResponse response) {
        ActionForms.RequestForm form = ActionForms.request(parameters);
        Map<String, String> typed = new HashMap<>();
        List.of("action", "reason", "paymentReference", "outsideReference")
                .forEach(name -> typed.put(name, parameters.getFirst(name)));
        model.addAttribute("typed", typed);
        if (!Identifiers.isValid(refundId)) {
            return show(refundId, model, response);
        }
        if (!form.problems().isEmpty()) {
            model.addAttribute("requestProblems", form.problems());
            String page = show(refundId, model, response);
            if (response.getStatus() == HttpStatus.OK.value()) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
            }
            return page;
        }
        long requestId;
        try {
            requestId = desk.request(SitePages.current().name(), form.request(refundId));
        }
        catch (ActionRefused refused) {
            model.addAttribute("requestProblems", List.of(refused.getMessage()));
            String page = show(refundId, model, response);
            if (response.getStatus() == HttpStatus.OK.value()) {
                response.setStatus(HttpStatus.CONFLICT.value());
            }
            return page;
        }
        RedirectView done = new RedirectView("/support/refunds/" + refundId + "?requested=" + requestId, true);
        done.setStatusCode(HttpStatus.SEE_OTHER);
        return done;
    }

    private String show(String refundId, Model model, HttpServletResponse response) {
        model.addAttribute("reasons", StuckReasons.FOR_THE_BUYER);
        if (!Identifiers.isValid(refundId)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", "A refund id is 1 to 64 letters, digits, '.', '_' or '-', like RF-0A1B2C3D4E5F");
            return "support/refund";
        }
        details.find(refundId).ifPresentOrElse(refund -> {
            model.addAttribute("refund", refund);
            model.addAttribute("choices", desk.choices(refundId));
        }, () -> {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("problem", "There is no refund " + refundId + "; check the id");
        });
        return "support/refund";
    }
}
