package com.marketplace.refunds.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.marketplace.refunds.stuck.StuckFilter;
import com.marketplace.refunds.stuck.StuckRefunds;
import com.marketplace.refunds.support.Nights;

/**
 * The roll-forward and the stuck list sum every refund of a currency: the sum is exact however many
 * refunds there are, so no number of them can overflow it and stop the nights. (Three refunds of
 * 4×10^16 dollars stand in for the millions of ordinary ones it would take.)
 */
class SumsIntegrationTests {

    private static final Nights nights = new Nights("reconciliation_sums");

    @AfterAll
    static void close() {
        nights.close();
    }

    @Test
    void balancesARollForwardWhoseSumsDoNotFitInALong() throws IOException {
        LocalDate day = LocalDate.parse("2026-11-10");
        long huge = 4_000_000_000_000_000_000L;
        for (int i = 1; i <= 3; i++) {
            nights.jdbc().sql("""
                    INSERT INTO orders (order_id, store_id, buyer_id, payment_method, payment_reference, currency, items_minor,
                           shipping_minor, paid_at, ship_deadline, free_return, protection_expires_at, first_seen_on,
                           last_changed_on)
                    VALUES (:o, 'S-1', 'B-1', 'CARD', 'psp-1', 'USD', :huge, 0, '2026-11-01T10:00:00Z', '2027-01-30T10:00:00Z',
                            false, '2027-03-01T00:00:00Z', '2026-11-09', '2026-11-09')
                    """).param("o", "O-" + i).param("huge", huge).update();
            nights.jdbc().sql("""
                    INSERT INTO refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference,
                           currency, amount_minor, status, approved_on, status_changed_on)
                    VALUES (:k, :id, :o, 'CANCELLATION', 'CARD', 'psp-1', 'USD', :huge, 'REFUND_PROCESSING', '2026-11-09',
                            '2026-11-09')
                    """).param("k", "CANCEL:C-" + i).param("id", "RF-HUGE" + i).param("o", "O-" + i).param("huge", huge)
                    .update();
        }

        nights.run(day, Map.of());

        List<String> summary = Files.readAllLines(nights.reports(day).resolve("reconciliation-summary.csv"));
        assertThat(summary).element(1).asString()
                .startsWith("CARD,USD,3,120000000000000000.00,0,0.00,0,0.00,0,0.00,0,0.00,3,120000000000000000.00");

        // 32 days after their approval they are stuck: the stuck list's total is exact too
        LocalDate later = LocalDate.parse("2026-12-11");
        nights.run(later, Map.of());
        assertThat(nights.bean(StuckRefunds.class).totals(StuckFilter.all(later)))
                .singleElement().satisfies(total -> {
                    assertThat(total.refunds()).isEqualTo(3);
                    assertThat(total.amount()).isEqualTo("120000000000000000.00");
                });
    }
}
