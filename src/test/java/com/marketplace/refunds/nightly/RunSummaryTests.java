package com.marketplace.refunds.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.marketplace.refunds.support.Nights;

/**
 * A completed run ends with a short summary a person reads first: decisions by outcome, refunds and
 * totals per method and currency, the files written, bad rows, breaks by type, stuck refunds, and
 * where the reports are; each figure as the run recorded it.
 */
class RunSummaryTests {

    private static final LocalDate D1 = LocalDate.parse("2026-11-25");
    private static final LocalDate D2 = LocalDate.parse("2026-11-27");
    private static final Nights nights = new Nights("run_summary", "--refunds.stuck-after-days=1");

    @AfterAll
    static void close() {
        nights.close();
    }

    @Test
    void consecutiveDatesReadAsARange() {
        List<LocalDate> dates = List.of(LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-27"),
                LocalDate.parse("2026-11-28"), LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-03"),
                LocalDate.parse("2026-12-04"));

        assertThat(RunSummary.dates(dates))
                .isEqualTo("2026-11-26 to 2026-11-28 (3 dates), 2026-12-01, 2026-12-03, 2026-12-04");
        assertThat(RunSummary.dates(List.of())).isEmpty();
    }

    @Test
    void endsEachRunWithWhatItDecidedWroteAndFound() {
        String paypalOrder = String.join(",", "O-4", "S-1", "B-4", "PAYPAL", "cap-O-4", "EUR", "7.00", "0.50",
                "2026-11-01T10:00:00Z", "2027-01-30T10:00:00Z", "", "", "", "false", "2027-03-01T00:00:00Z");
        String first = nights.run(D1, Map.of(
                "orders.csv", List.of(Nights.order("O-1", "10.00", "2.00"), Nights.order("O-2", "5.00", "0.00"),
                        "O-3,S-1,B-1,CARD,psp-O-3,US,1.00,0.00,2026-11-01T10:00:00Z,,,,,false,", paypalOrder),
                "cancellations.csv", List.of(Nights.cancellation("C-1", "O-1", "2026-11-20T10:00:00Z"),
                        Nights.cancellation("C-2", "O-4", "2026-11-20T10:00:00Z")))).message();

        String outbox1 = nights.outbox().resolve("2026-11-25").toAbsolutePath().toString();
        String reports1 = nights.reports(D1).toAbsolutePath().toString();
        assertThat(first).isEqualTo("""
                The nightly run for 2026-11-25 completed.
                  decisions  2 APPROVED
                  refunds    CARD 1 refund approved: 12.00 USD (1)
                             PAYPAL 1 refund approved: 7.50 EUR (1)
                  files      card-refunds-20261125-000001.csv (1 refund), paypal-refunds-20261125-000001.csv (1 refund) in %s
                  bad rows   orders.csv: 1; kept in %s/rejects
                  breaks     none
                  stuck      none
                  reports    %s (start with reconciliation.html)""".formatted(outbox1, reports1, reports1));

        nights.cardReport(D2, "settlement_detail_report_batch_1.csv", List.of(
                Nights.confirms("M-1", Nights.refundId("CANCEL:C-1"), "12.00"),
                Nights.confirms("M-2", "RF-NOT-OURS", "3.00")));
        String second = nights.run(D2, Map.of()).message();

        String reports2 = nights.reports(D2).toAbsolutePath().toString();
        assertThat(second).isEqualTo("""
                The nightly run for 2026-11-27 completed.
                  no drop    2026-11-26: passed over; a drop that comes for it is carried by a later run
                  decisions  no trigger to decide
                  refunds    none approved
                  files      card-refunds-20261127-000002.csv (0 refunds), paypal-refunds-20261127-000002.csv (0 refunds) in %s
                  bad rows   none
                  breaks     1 UNKNOWN_REFERENCE
                  stuck      1 NO_CONFIRMATION
                  reports    %s (start with reconciliation.html)""".formatted(
                nights.outbox().resolve("2026-11-27").toAbsolutePath(), reports2));
    }
}
