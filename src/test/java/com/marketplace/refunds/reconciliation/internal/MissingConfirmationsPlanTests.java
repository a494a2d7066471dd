package com.marketplace.refunds.reconciliation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.marketplace.refunds.support.RolledBackDatabase;

/**
 * The refunds sent long ago and never confirmed are listed every night from {@code open_refund} alone,
 * which mirrors what the break needs of each (its method, currency, amount and file): not one lookup in
 * {@code refund} per refund still in flight, a list that grows as long as the processors stay silent.
 * The breaks' bytes are the nightly golden files' (nightly/expected/.../breaks.csv).
 */
class MissingConfirmationsPlanTests {

    @Test
    void listsTheRefundsInFlightFromOpenRefundWithoutReachingRefund() {
        try (RolledBackDatabase db = RolledBackDatabase.migrated("missing_confirmations_plan")) {
            // when the statement runs as the reconciliation runs it
            List<String> plan = db.analyzed(ReconciliationOutcomes.MISSING_CONFIRMATIONS, true,
                    Map.of("d", LocalDate.parse("2026-11-25"), "firstSeq", 0, "days", 7));

            // then
            assertThat(plan).as(String.join("\n", plan))
                    .anyMatch(line -> line.contains(" on open_refund x"))
                    .noneMatch(line -> line.contains(" on refund "));
        }
    }
}
