package com.marketplace.refunds.reconciliation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.marketplace.refunds.reconciliation.internal.ReconciliationReports.BreakRow;
import com.marketplace.refunds.shared.Holds;

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

    /**
     * Every part of the page at once, byte for byte as the page has always been written: late drops, dates
     * without a drop, holds, a balanced and an unbalanced row, breaks with empty cells and hostile text,
     * more breaks of one kind than it shows, and ignored files.
     */
    @Test
    void writesEveryPartOfThePageByteForByte() throws Exception {
        var held = new Holds.Held(DAY, "CARD", "USD", 60, new BigDecimal("149400"), new BigDecimal("2"),
                new BigDecimal("9940"), 5, new BigDecimal("3"), 60);
        var stillHeld = List.of(new Holds.StillHeld(DAY.minusDays(1), "CARD", "JPY", 2, BigInteger.valueOf(3000)),
                new Holds.StillHeld(DAY, "CARD", "USD", 60, BigInteger.valueOf(149400)));
        List<BreakRow> breaks = new ArrayList<>(List.of(
                new BreakRow("UNKNOWN_REFERENCE", "CARD", "<script>alert(1)</script>", "USD", null, "1.00",
                        "batch\"1.csv", 3, "it's <b>bold</b> & more, é − ✓"),
                new BreakRow("AMOUNT_MISMATCH", "PAYPAL", "RF-1", "EUR", "10.00", "10.01", "STL-20261125.01.009.CSV",
                        null, null),
                new BreakRow("REVERSED", "CARD", null, null, null, null, null, null, "")));
        for (int i = 0; i < ReconciliationPage.BREAKS_SHOWN_PER_TYPE + 2; i++) {
            breaks.add(new BreakRow("MISSING_CONFIRMATION", "CARD", "RF-M" + i, "USD", "1.00", null,
                    "card-refunds-20261101-000001.csv", null, "sent 24 days ago"));
        }
        var ignored = List.of(new ProcessorReports.Ignored("<img src=x onerror=alert(1)>.csv", "its name is neither ..."));

        String html = ReconciliationPage.render(DAY, List.of(row("CARD", "JPY", 2, 3000, 1, 500, 1, 1000, 0, 0, 2, 2500),
                        row("PAY<PAL>", "USD", 1, 1000, 0, 0, 0, 0, 0, 0, 2, 1000)), breaks, ignored,
                List.of(DAY.minusDays(5), DAY.minusDays(3)), List.of(DAY.minusDays(1)), List.of(held), stillHeld);

        assertThat(html).isEqualTo(golden("every-part.html"));
    }

    @Test
    void writesAQuietNightsPageByteForByte() throws Exception {
        String html = ReconciliationPage.render(DAY, List.of(), List.of(), List.of());

        assertThat(html).isEqualTo(golden("quiet-night.html"));
    }

    private static String golden(String name) throws Exception {
        return Files.readString(Path.of(ReconciliationPageTests.class.getResource("/reconciliation/page/" + name).toURI()),
                StandardCharsets.UTF_8);
    }

    /** Opening, approved, confirmed, failed and closing, each a count and an amount; nothing cancelled. */
    private static RollForward.Row row(String method, String currency, long... figures) {
        return new RollForward.Row(method, currency, figures[0], BigInteger.valueOf(figures[1]), figures[2],
                BigInteger.valueOf(figures[3]), figures[4], BigInteger.valueOf(figures[5]), figures[6],
                BigInteger.valueOf(figures[7]), 0, BigInteger.ZERO, figures[8], BigInteger.valueOf(figures[9]));
    }
}
