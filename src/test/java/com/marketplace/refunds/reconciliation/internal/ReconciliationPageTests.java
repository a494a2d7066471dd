package com.marketplace.refunds.reconciliation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.marketplace.refunds.reconciliation.internal.ReconciliationReports.BreakRow;

/** The auditor's page: figures as in the roll-forward, every value escaped, every break kind explained. */
class ReconciliationPageTests {

    private static final LocalDate DAY = LocalDate.parse("2026-11-25");

    @Test
    void showsEachRowsFiguresAndWhetherItBalances() {
        var balanced = row("CARD", "JPY", 2, 3000, 1, 500, 1, 1000, 0, 0, 2, 2500);
        var broken = row("PAYPAL", "USD", 1, 1000, 0, 0, 0, 0, 0, 0, 2, 1000);

        String html = ReconciliationPage.render(DAY, List.of(balanced, broken), List.of(), List.of());

        assertThat(html).contains("Refund reconciliation for 2026-11-25")
                .contains("<td class=\"n\">3000<br><small>2 refunds</small></td>")
                .contains("<td class=\"n\">10.00<br><small>1 refund</small></td>")
                .contains("<tr class=\"ok\"><td>CARD</td><td>JPY</td>")
                .contains("<tr class=\"bad\"><td>PAYPAL</td><td>USD</td>")
                .contains("No breaks");
    }

    @Test
    void escapesEverythingItDidNotWriteItself() {
        BreakRow hostile = new BreakRow("UNKNOWN_REFERENCE", "CARD", "<script>alert(1)</script>", "USD", null,
                "1.00", "batch\"1.csv", 3, "it's <b>bold</b> & more");

        String html = ReconciliationPage.render(DAY, List.of(), List.of(hostile), List.of());

        assertThat(html).doesNotContain("<script>").doesNotContain("<b>bold")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("batch&quot;1.csv, 3")
                .contains("it&#39;s &lt;b&gt;bold&lt;/b&gt; &amp; more");
    }

    @Test
    void explainsEveryKindOfBreakAndPointsToTheCsvBeyondWhatItShows() {
        List<BreakRow> breaks = new ArrayList<>();
        for (int i = 0; i < ReconciliationPage.BREAKS_SHOWN_PER_TYPE + 3; i++) {
            breaks.add(new BreakRow("MISSING_CONFIRMATION", "CARD", "RF-" + i, "USD", "1.00", null,
                    "card-refunds-20261101-000001.csv", null, "sent 24 days ago"));
        }

        String html = ReconciliationPage.render(DAY, List.of(), breaks, List.of());

        assertThat(html).contains("<h2>Breaks: 503</h2>")
                .contains("3 more MISSING_CONFIRMATION breaks are in reconciliation-breaks.csv")
                .contains("ask the processor for the refund&#39;s status")
                .contains("recover any second payment")
                .doesNotContain(">RF-500<");
    }

    @Test
    void listsTheFilesOfProcessorFolderThatWereNotReadEscaped() {
        List<ProcessorReports.Ignored> ignored = List.of(new ProcessorReports.Ignored(
                "settlement_detail_report_batch_1 (1).csv", "its name is neither ..."),
                new ProcessorReports.Ignored("<img src=x onerror=alert(1)>.csv", "its name is neither ..."));

        String html = ReconciliationPage.render(DAY, List.of(), List.of(), ignored);

        assertThat(html).contains("Files in processor/ that were not read: 2")
                .contains("settlement_detail_report_batch_1 (1).csv")
                .contains("&lt;img src=x onerror=alert(1)&gt;.csv").doesNotContain("<img");
    }

    @Test
    void showsSumsBeyondWhatALongHoldsExactly() {
        BigInteger big = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.TWO);
        var row = new RollForward.Row("CARD", "USD", 3, big, 0, BigInteger.ZERO, 0, BigInteger.ZERO, 0, BigInteger.ZERO,
                0, BigInteger.ZERO, 3, big);

        String html = ReconciliationPage.render(DAY, List.of(row), List.of(), List.of());

        assertThat(row.balances()).isTrue();
        assertThat(html).contains("184467440737095516.14<br><small>3 refunds</small>");
    }

    /** Opening, approved, confirmed, failed and closing, each a count and an amount; nothing cancelled. */
    private static RollForward.Row row(String method, String currency, long... figures) {
        return new RollForward.Row(method, currency, figures[0], BigInteger.valueOf(figures[1]), figures[2],
                BigInteger.valueOf(figures[3]), figures[4], BigInteger.valueOf(figures[5]), figures[6],
                BigInteger.valueOf(figures[7]), 0, BigInteger.ZERO, figures[8], BigInteger.valueOf(figures[9]));
    }
}
