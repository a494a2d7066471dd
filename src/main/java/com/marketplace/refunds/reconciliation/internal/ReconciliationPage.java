package com.marketplace.refunds.reconciliation.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import com.marketplace.refunds.reconciliation.BreakType;
import com.marketplace.refunds.reconciliation.internal.ReconciliationReports.BreakRow;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Holds;
import com.marketplace.refunds.shared.Money;

/**
 * The auditor's page: the roll-forward per payment method and currency, what to do about each
 * kind of break, and the breaks themselves. Plain HTML with print styles, from the Thymeleaf template
 * reports/reconciliation.html, which escapes every value. The batch has no web context: the engine is
 * its own, Spring-EL flavoured (OGNL is not on the classpath).
 */
final class ReconciliationPage {

    /** Beyond this many breaks of one kind the page points to the CSV, which has them all. */
    static final int BREAKS_SHOWN_PER_TYPE = 500;

    private static final SpringTemplateEngine TEMPLATES = templates();

    /** How many breaks of a kind (on the page: beyond those shown). */
    record Kind(BreakType type, int count) {
    }

    /** The breaks as the page shows them: counted by kind, at most {@link #BREAKS_SHOWN_PER_TYPE} of each listed. */
    record Breaks(int count, List<Kind> kinds, List<BreakRow> shown, List<Kind> beyondShown) {
    }

    /** What the template cannot say by itself: amounts in their currency's exponent, counts, whether a row balances. */
    static final class Figures {

        public boolean balances(RollForward.Row row) {
            return row.balances();
        }

        public String amount(BigInteger minor, String currency) {
            return Money.format(minor, Currencies.exponent(currency));
        }

        public String refunds(long count) {
            return count + " refund" + (count == 1 ? "" : "s");
        }
    }

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
        Context page = new Context(Locale.ROOT);
        page.setVariable("date", businessDate);
        page.setVariable("carried", carried);
        page.setVariable("withoutDrop", withoutDrop);
        page.setVariable("held", held);
        page.setVariable("stillHeld", stillHeld);
        page.setVariable("summary", summary);
        page.setVariable("breaks", breaks(breaks));
        page.setVariable("ignored", ignoredFiles);
        page.setVariable("figures", new Figures());
        return TEMPLATES.process("reconciliation", page);
    }

    private static Breaks breaks(List<BreakRow> breaks) {
        Map<BreakType, Integer> counts = new EnumMap<>(BreakType.class);
        List<BreakRow> shown = new ArrayList<>();
        for (BreakRow b : breaks) {
            if (counts.merge(b.type(), 1, Integer::sum) <= BREAKS_SHOWN_PER_TYPE) {
                shown.add(b);
            }
        }
        List<Kind> kinds = new ArrayList<>();
        List<Kind> beyondShown = new ArrayList<>();
        for (BreakType type : BreakType.values()) {
            int count = counts.getOrDefault(type, 0);
            kinds.add(new Kind(type, count));
            if (count > BREAKS_SHOWN_PER_TYPE) {
                beyondShown.add(new Kind(type, count - BREAKS_SHOWN_PER_TYPE));
            }
        }
        return new Breaks(breaks.size(), kinds, shown, beyondShown);
    }

    private static SpringTemplateEngine templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReconciliationPage.class.getClassLoader());
        resolver.setPrefix("reports/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
