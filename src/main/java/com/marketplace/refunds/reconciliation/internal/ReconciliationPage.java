package com.marketplace.refunds.reconciliation.internal;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.marketplace.refunds.reconciliation.BreakType;
import com.marketplace.refunds.reconciliation.internal.ReconciliationReports.BreakRow;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Holds;
import com.marketplace.refunds.shared.Money;

/**
 * The auditor's page: the roll-forward per payment method and currency, what to do about each
 * kind of break, and the breaks themselves. Plain HTML with print styles; every value escaped.
 */
final class ReconciliationPage {

    /** Beyond this many breaks of one kind the page points to the CSV, which has them all. */
    static final int BREAKS_SHOWN_PER_TYPE = 500;

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1f2933}
            h1{font-size:1.5rem;margin-bottom:.25rem} h2{font-size:1.15rem;margin-top:2rem}
            p.lead{color:#52606d;margin-top:0}
            table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
            th,td{border:1px solid #cbd2d9;padding:.35rem .5rem;text-align:left;vertical-align:top}
            th{background:#f0f4f8} td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            tr.ok td.check{color:#2f8132} tr.bad td.check{color:#c62828;font-weight:bold}
            .none{color:#52606d;font-style:italic}
            td.id{white-space:nowrap;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
            @media print{body{margin:0;font-size:10pt} h2{break-after:avoid} tr{break-inside:avoid}
            table{font-size:9pt}}
            """;

    private ReconciliationPage() {
    }

    static String render(LocalDate businessDate, List<RollForward.Row> summary, List<BreakRow> breaks,
                         List<ProcessorReports.Ignored> ignoredFiles) {
        return render(businessDate, summary, breaks, ignoredFiles, List.of(), List.of(), List.of(), List.of());
    }

    /** With the late drops the run carried and the dates it passed over without a drop (docs/running.md, "Late drops"). */
    static String render(LocalDate businessDate, List<RollForward.Row> summary, List<BreakRow> breaks,
                         List<ProcessorReports.Ignored> ignoredFiles, List<LocalDate> carried,
                         List<LocalDate> withoutDrop, List<Holds.Held> held, List<Holds.StillHeld> stillHeld) {
        StringBuilder html = new StringBuilder(8_192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Refund reconciliation ")
                .append(businessDate).append("</title><style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>Refund reconciliation for ").append(businessDate).append("</h1>\n")
                .append("<p class=\"lead\">Opening outstanding + approved − confirmed − failed − cancelled = closing ")
                .append("outstanding, per payment method and currency. Outstanding means approved and not yet ")
                .append("confirmed (WAITING_REFUND, HELD or REFUND_PROCESSING).</p>\n");
        drops(html, businessDate, carried, withoutDrop);
        held(html, held, stillHeld);
        rollForward(html, summary);
        breakTypes(html, breaks);
        breakRows(html, breaks);
        ignoredFiles(html, ignoredFiles);
        return html.append("</body></html>\n").toString();
    }

    private static void drops(StringBuilder html, LocalDate businessDate, List<LocalDate> carried,
                              List<LocalDate> withoutDrop) {
        if (!carried.isEmpty()) {
            html.append("<h2>Late drops carried: ").append(carried.size()).append("</h2>\n<p>This run read the drops of ")
                    .append(dates(carried)).append(" (they came after a later date had run) before its own: their ")
                    .append("triggers are decided, and their processor reports reconciled, as this date's. Their bad ")
                    .append("rows are in rejects/&lt;date&gt;/.</p>\n");
        }
        if (!withoutDrop.isEmpty()) {
            html.append("<h2>Dates without a drop: ").append(withoutDrop.size()).append("</h2>\n<p>No complete drop ")
                    .append("had come for ").append(dates(withoutDrop)).append(" when the run for ").append(businessDate)
                    .append(" started; they were passed over. A drop that comes for one of them later is carried by ")
                    .append("the next run.</p>\n");
        }
    }

    /** What this run held and why, and every refund still held (docs/hold.md); nothing when none is. */
    private static void held(StringBuilder html, List<Holds.Held> held, List<Holds.StillHeld> stillHeld) {
        if (held.isEmpty() && stillHeld.isEmpty()) {
            return;
        }
        html.append("<h2>Held for review</h2>\n");
        if (!held.isEmpty()) {
            html.append("<p>This run held refunds instead of sending them:</p>\n<ul>\n");
            held.forEach(h -> html.append("<li>").append(escape(h.describe())).append(".</li>\n"));
            html.append("</ul>\n");
        }
        if (!stillHeld.isEmpty()) {
            html.append("<p>Refunds still held, not sent until finance releases them (a <code>release</code> action ")
                    .append("of their approval date and method, approved by a second person) or cancels them:</p>\n")
                    .append("<table><thead><tr><th>Approved on</th><th>Method</th><th>Currency</th>")
                    .append("<th class=\"n\">Refunds</th><th class=\"n\">Amount</th></tr></thead><tbody>\n");
            stillHeld.forEach(h -> html.append("<tr><td>").append(h.approvedOn()).append("</td><td>")
                    .append(escape(h.paymentMethod())).append("</td><td>").append(escape(h.currency()))
                    .append("</td><td class=\"n\">").append(h.refunds()).append("</td><td class=\"n\">")
                    .append(Money.format(h.amountMinor(), Currencies.exponent(h.currency()))).append("</td></tr>\n"));
            html.append("</tbody></table>\n");
        }
    }

    private static String dates(List<LocalDate> dates) {
        return String.join(", ", dates.stream().map(LocalDate::toString).toList());
    }

    private static void rollForward(StringBuilder html, List<RollForward.Row> summary) {
        html.append("<h2>Roll-forward</h2>\n");
        if (summary.isEmpty()) {
            html.append("<p class=\"none\">No refunds outstanding, approved, confirmed, failed or cancelled.</p>\n");
            return;
        }
        html.append("<table><thead><tr><th>Method</th><th>Currency</th><th class=\"n\">Opening</th>")
                .append("<th class=\"n\">+ Approved</th><th class=\"n\">− Confirmed</th><th class=\"n\">− Failed</th>")
                .append("<th class=\"n\">− Cancelled</th>")
                .append("<th class=\"n\">= Closing</th><th>Balances</th></tr></thead><tbody>\n");
        for (RollForward.Row row : summary) {
            int exponent = Currencies.exponent(row.currency());
            html.append("<tr class=\"").append(row.balances() ? "ok" : "bad").append("\"><td>")
                    .append(escape(row.paymentMethod())).append("</td><td>").append(escape(row.currency())).append("</td>")
                    .append(cell(row.openingCount(), row.openingMinor(), exponent))
                    .append(cell(row.approvedCount(), row.approvedMinor(), exponent))
                    .append(cell(row.confirmedCount(), row.confirmedMinor(), exponent))
                    .append(cell(row.failedCount(), row.failedMinor(), exponent))
                    .append(cell(row.cancelledCount(), row.cancelledMinor(), exponent))
                    .append(cell(row.closingCount(), row.closingMinor(), exponent))
                    .append("<td class=\"check\">").append(row.balances() ? "yes" : "NO").append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static String cell(long count, java.math.BigInteger minor, int exponent) {
        return "<td class=\"n\">" + Money.format(minor, exponent) + "<br><small>" + count + " refund"
                + (count == 1 ? "" : "s") + "</small></td>";
    }

    private static void breakTypes(StringBuilder html, List<BreakRow> breaks) {
        Map<BreakType, Integer> counts = new EnumMap<>(BreakType.class);
        breaks.forEach(b -> counts.merge(b.type(), 1, Integer::sum));
        html.append("<h2>Breaks: ").append(breaks.size()).append("</h2>\n")
                .append("<table><thead><tr><th>Break</th><th class=\"n\">Count</th><th>What to do</th></tr></thead><tbody>\n");
        for (BreakType type : BreakType.values()) {
            html.append("<tr><td>").append(type).append("</td><td class=\"n\">").append(counts.getOrDefault(type, 0))
                    .append("</td><td>").append(escape(type.whatToDo())).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static void breakRows(StringBuilder html, List<BreakRow> breaks) {
        if (breaks.isEmpty()) {
            html.append("<p class=\"none\">No breaks: every report line matched a refund of ours.</p>\n");
            return;
        }
        html.append("<table><thead><tr><th>Break</th><th>Method</th><th>Refund</th><th>Currency</th>")
                .append("<th class=\"n\">Expected</th><th class=\"n\">Reported</th><th>Report, line</th><th>Detail</th>")
                .append("</tr></thead><tbody>\n");
        Map<BreakType, Integer> shown = new EnumMap<>(BreakType.class);
        for (BreakRow b : breaks) {
            if (shown.merge(b.type(), 1, Integer::sum) > BREAKS_SHOWN_PER_TYPE) {
                continue;
            }
            html.append("<tr><td>").append(b.type()).append("</td><td>").append(escape(b.paymentMethod()))
                    .append("</td><td class=\"id\">").append(escape(b.refundId())).append("</td><td>")
                    .append(escape(b.currency()))
                    .append("</td><td class=\"n\">").append(escape(b.expectedAmount())).append("</td><td class=\"n\">")
                    .append(escape(b.reportedAmount())).append("</td><td class=\"id\">").append(escape(b.reportFile()))
                    .append(b.reportLine() == null ? "" : ", " + b.reportLine()).append("</td><td>")
                    .append(escape(b.detail())).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        shown.forEach((type, count) -> {
            if (count > BREAKS_SHOWN_PER_TYPE) {
                html.append("<p>").append(count - BREAKS_SHOWN_PER_TYPE).append(" more ").append(type)
                        .append(" breaks are in reconciliation-breaks.csv.</p>\n");
            }
        });
    }

    /** What sat in processor/ and was not read: a misnamed report would otherwise go unseen. */
    private static void ignoredFiles(StringBuilder html, List<ProcessorReports.Ignored> ignoredFiles) {
        if (ignoredFiles.isEmpty()) {
            return;
        }
        html.append("<h2>Files in processor/ that were not read: ").append(ignoredFiles.size()).append("</h2>\n")
                .append("<p>None of their lines was reconciled. A processor report delivered under another name must ")
                .append("be renamed as the processor names it and the drop run again.</p>\n")
                .append("<table><thead><tr><th>File</th><th>Why it was not read</th></tr></thead><tbody>\n");
        for (ProcessorReports.Ignored ignored : ignoredFiles) {
            html.append("<tr><td class=\"id\">").append(escape(ignored.name())).append("</td><td>")
                    .append(escape(ignored.why())).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
