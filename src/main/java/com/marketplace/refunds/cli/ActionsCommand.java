package com.marketplace.refunds.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.marketplace.refunds.action.ActionKind;
import com.marketplace.refunds.action.ActionRefused;
import com.marketplace.refunds.action.ActionRequests;
import com.marketplace.refunds.action.RequestStatus;
import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.UsageException;
import com.marketplace.refunds.shared.ReportCsv;

/**
 * {@code actions request|approve|reject|list} (docs/actions.md): the person is the operating-system
 * user. Every option is checked before the application starts; the database's functions then check
 * who may do what, and a refusal is one line and exit 2.
 */
final class ActionsCommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'");

    private ActionsCommand() {
    }

    /** What the command line asks for, checked: a request, a decision or a listing. */
    sealed interface Ask permits Asked, Decided, Listing {
    }

    record Asked(ActionRequests.Request request) implements Ask {
    }

    record Decided(long requestId, boolean approve, String reason) implements Ask {
    }

    record Listing(String status, boolean csv) implements Ask {
    }

    static Ask parse(CommandLine line) {
        return switch (line.subcommand()) {
            case "request" -> new Asked(request(line));
            case "approve", "reject" -> new Decided(requestId(line), line.subcommand().equals("approve"),
                    line.options().get("reason"));
            case "list" -> listing(line);
            default -> throw new UsageException("unknown actions command " + line.subcommand());
        };
    }

    private static ActionRequests.Request request(CommandLine line) {
        String action = line.required("action");
        if (!ActionRequests.ACTIONS.contains(action)) {
            throw new UsageException("--action=" + action + " is not an action: reissue, paid-outside, cancel or release\n"
                    + Usage.of("actions"));
        }
        String refundId = line.options().get("refund-id");
        boolean release = action.equals(ActionKind.RELEASE.word());
        LocalDate heldOn = release ? line.businessDate() : null;
        String method = release ? line.required("payment-method") : null;
        if (release && !PaymentMethodOption.accepts(method)) {
            throw new UsageException("--payment-method is " + PaymentMethodOption.choices(" or ") + ", not " + method);
        }
        if (release && refundId != null) {
            throw new UsageException("release names the held refunds by --business-date and --payment-method, not "
                    + "--refund-id");
        }
        if (!release) {
            refundId = line.required("refund-id");
            if (line.options().containsKey("business-date") || line.options().containsKey("payment-method")) {
                throw new UsageException(action + " names one refund by --refund-id; --business-date and "
                        + "--payment-method are for release");
            }
        }
        String paymentReference = line.options().get("payment-reference");
        if (paymentReference != null && !action.equals(ActionKind.REISSUE.word())) {
            throw new UsageException("only reissue takes --payment-reference");
        }
        String outsideReference = line.options().get("outside-reference");
        if (action.equals(ActionKind.PAID_OUTSIDE.word())) {
            outsideReference = line.required("outside-reference");
        }
        else if (outsideReference != null) {
            throw new UsageException("only paid-outside takes --outside-reference");
        }
        ActionRequests.Request request = new ActionRequests.Request(action, refundId, heldOn, method,
                line.required("reason"), paymentReference, outsideReference);
        try {
            ActionRequests.checkReferences(request); // before anything starts; the recording checks again
        }
        catch (ActionRefused refused) {
            throw new UsageException("refused: " + refused.getMessage());
        }
        return request;
    }

    private static long requestId(CommandLine line) {
        Long id = line.optionalNumber("request-id");
        if (id == null || id < 1) {
            throw new UsageException("actions " + line.subcommand() + " needs --request-id=N\n" + Usage.of("actions"));
        }
        return id;
    }

    private static Listing listing(CommandLine line) {
        String status = line.options().get("status");
        if (status != null && !ActionRequests.STATUSES.contains(status)) {
            throw new UsageException("--status=" + status + " is not a status: " + String.join(", ",
                    ActionRequests.STATUSES));
        }
        String format = line.options().getOrDefault("format", "table");
        if (!format.equals("table") && !format.equals("csv")) {
            throw new UsageException("--format is table or csv, not " + format);
        }
        return new Listing(status, format.equals("csv"));
    }

    static ExitCode run(ActionRequests requests, String person, Ask ask, PrintStream out, PrintStream err) {
        try {
            if (ask instanceof Asked asked) {
                long id = requests.request(person, asked.request());
                out.println("Request " + id + " recorded: " + asked.request().action() + " of "
                        + (asked.request().refundId() != null ? asked.request().refundId()
                                : "the " + asked.request().paymentMethod() + " refunds held on " + asked.request().heldOn())
                        + ", asked by " + person + "; another person with the FINANCE role must approve it "
                        + "(actions approve --request-id=" + id + "), and the next nightly run applies it");
                out.println(id);
            }
            else if (ask instanceof Decided decided) {
                String status = requests.decide(person, decided.requestId(), decided.approve(), decided.reason());
                out.println("Request " + decided.requestId() + " " + status + " by " + person
                        + (status.equals(RequestStatus.APPROVED.name()) ? ": the next nightly run applies it" : ""));
            }
            else if (ask instanceof Listing listing) {
                list(requests.list(listing.status(), null), listing.csv(), out);
            }
            return ExitCode.COMPLETED;
        }
        catch (ActionRefused e) {
            err.println("refund-settlement: refused: " + e.getMessage());
            return ExitCode.USAGE;
        }
    }

    static final String[] LIST_HEADER = {"request_id", "action", "refund_id", "held_on", "payment_method", "status",
            "requested_by", "requested_at", "reason", "decided_by", "decided_at", "decision_reason", "settled_on",
            "new_refund_id", "detail"};

    private static void list(List<ActionRequests.Listed> rows, boolean csv, PrintStream out) {
        List<String[]> cells = new ArrayList<>();
        for (ActionRequests.Listed r : rows) {
            cells.add(new String[] {String.valueOf(r.requestId()), r.action(), r.refundId(), text(r.heldOn()),
                    r.paymentMethod(), r.status(), r.requestedBy(), when(r.requestedAt()), r.reason(), r.decidedBy(),
                    when(r.decidedAt()), r.decisionReason(), text(r.settledOn()), r.newRefundId(), r.detail()});
        }
        if (csv) {
            try {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                ReportCsv.print(writer, LIST_HEADER, report -> cells.forEach(report::row));
                writer.flush();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        if (cells.isEmpty()) {
            out.println("No action requests.");
            return;
        }
        out.printf("%-7s %-12s %-22s %-10s %-10s %-12s %-12s %s%n", "id", "action", "refund / held", "status",
                "asked by", "decided by", "settled on", "reason / detail");
        for (ActionRequests.Listed r : rows) {
            String subject = r.refundId() != null ? r.refundId() : r.paymentMethod() + " " + r.heldOn();
            out.printf("%-7d %-12s %-22s %-10s %-10s %-12s %-12s %s%n", r.requestId(), r.action(), subject, r.status(),
                    r.requestedBy(), dash(r.decidedBy()), dash(text(r.settledOn())),
                    ReportCsv.neutralise(r.reason()) + (r.detail() == null ? "" : " / " + ReportCsv.neutralise(r.detail())));
        }
    }

    private static String when(java.time.OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC).format(WHEN);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
