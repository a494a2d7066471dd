package com.marketplace.refunds.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.marketplace.refunds.support.Nights;

/**
 * The triggers a night finds among orders stored by earlier nights, now that it reaches them through
 * what is still open (open_ship_deadline, a blocked store's orders not delivered before the block)
 * instead of reading every stored order: the decisions are the ones the contract asks for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // one database, business dates in order
class OpenItemsIntegrationTests {

    private static final Nights nights = new Nights("open_items");

    @AfterAll
    static void close() {
        nights.close();
    }

    /** An unshipped USD card order of store S-9, paid on 9 Nov 2026, with the given ship deadline. */
    private static String unshipped(String id, String deadline) {
        return String.join(",", id, "S-9", "B-9", "CARD", "psp-" + id, "USD", "20.00", "0.00", "2026-11-09T10:00:00Z",
                deadline, "", "", "", "false", "2027-01-30T00:00:00Z");
    }

    private static String shipped(String id, String deadline, String shippedAt) {
        return String.join(",", id, "S-9", "B-9", "CARD", "psp-" + id, "USD", "20.00", "0.00", "2026-11-09T10:00:00Z",
                deadline, shippedAt, "1ZTRACK" + id.replace("-", ""), "", "false", "2027-01-30T00:00:00Z");
    }

    /** A USD card order of the store, shipped with tracking two days after it was paid, delivered or not. */
    private static String delivered(String id, String store, String paidAt, String deliveredAt) {
        Instant paid = Instant.parse(paidAt);
        return String.join(",", id, store, "B-9", "CARD", "psp-" + id, "USD", "20.00", "0.00", paidAt,
                paid.plus(Duration.ofDays(4)).toString(), paid.plus(Duration.ofDays(2)).toString(),
                "1ZTRACK" + id.replace("-", ""), deliveredAt, "false", "2027-01-30T00:00:00Z");
    }

    private List<String> decisions(String refundKey) {
        return nights.jdbc().sql("""
                SELECT business_date || ' ' || decision FROM decision WHERE refund_key = :k ORDER BY business_date
                """).param("k", refundKey).query(String.class).list();
    }

    private List<String> openDeadlines() {
        return nights.jdbc().sql("SELECT order_id FROM open_ship_deadline ORDER BY order_id")
                .query(String.class).list();
    }

    @Test
    @Order(2)
    void anOrderStoredBeforeItsDeadlineIsJudgedOnceTheDeadlinePassesWithoutBeingDeliveredAgain() {
        LocalDate day1 = LocalDate.parse("2026-11-10");
        nights.run(day1, Map.of("orders.csv", List.of(
                unshipped("O-LATE", "2026-11-12T10:00:00Z"),
                unshipped("O-SHIPS", "2026-11-12T10:00:00Z"),
                unshipped("O-MOVED", "2026-11-12T10:00:00Z"),
                shipped("O-ONTIME", "2026-11-12T10:00:00Z", "2026-11-10T08:00:00Z"))));
        assertThat(openDeadlines()).containsExactly("O-LATE", "O-MOVED", "O-SHIPS");

        // day 2: O-SHIPS ships with tracking before its deadline, O-MOVED's deadline moves to 20 Nov
        nights.run(day1.plusDays(1), Map.of("orders.csv", List.of(
                shipped("O-SHIPS", "2026-11-12T10:00:00Z", "2026-11-11T09:00:00Z"),
                unshipped("O-MOVED", "2026-11-20T10:00:00Z"))));
        // day 3: an empty drop; the cut-off (13 Nov 00:00) is past the 12 Nov deadline
        nights.run(day1.plusDays(2), Map.of());

        assertThat(decisions("AUTOCANCEL:O-LATE")).containsExactly("2026-11-12 APPROVED");
        assertThat(decisions("AUTOCANCEL:O-SHIPS")).isEmpty();
        assertThat(decisions("AUTOCANCEL:O-ONTIME")).isEmpty();
        assertThat(decisions("AUTOCANCEL:O-MOVED")).isEmpty();
        assertThat(nights.status("AUTOCANCEL:O-LATE")).isEqualTo("REFUND_PROCESSING");
        assertThat(openDeadlines()).containsExactly("O-MOVED");

        for (LocalDate day = day1.plusDays(3); !day.isAfter(LocalDate.parse("2026-11-20")); day = day.plusDays(1)) {
            nights.run(day, Map.of());
        }
        assertThat(decisions("AUTOCANCEL:O-MOVED")).containsExactly("2026-11-20 APPROVED");
        assertThat(decisions("AUTOCANCEL:O-LATE")).containsExactly("2026-11-12 APPROVED");
        assertThat(openDeadlines()).isEmpty();
    }

    @Test
    @Order(1)
    void aFraudBlockReachesTheStoresOrdersNotDeliveredBeforeItWhicheverNightAndBucketStoredThem() {
        LocalDate day1 = LocalDate.parse("2026-11-05");
        nights.run(day1, Map.of("orders.csv", List.of(
                delivered("O-F-BEFORE", "S-F", "2026-10-01T10:00:00Z", "2026-10-04T10:00:00Z"),
                delivered("O-F-AFTER", "S-F", "2026-10-01T10:00:00Z", "2026-10-20T10:00:00Z"),
                delivered("O-F-NEVER", "S-F", "2026-10-01T10:00:00Z", ""),
                delivered("O-F-LATER", "S-F", "2026-10-16T10:00:00Z", ""),
                delivered("O-G-NEVER", "S-G", "2026-10-01T10:00:00Z", ""))));
        // as if the night's drop had held more than a hundred thousand orders before these two
        nights.jdbc().sql("UPDATE orders SET seen_bucket = 3 WHERE order_id = 'O-F-NEVER'").update();
        nights.jdbc().sql("UPDATE orders SET seen_bucket = 1 WHERE order_id = 'O-F-AFTER'").update();
        // the next night's drop blocks the store; its orders came the night before
        nights.run(day1.plusDays(1), Map.of("store_blocks.csv",
                List.of("S-F,2026-10-15T10:00:00Z,CONFIRMED_FRAUD,2026-11-06T09:00:00Z")));

        assertThat(decisions("FRAUD:S-F:O-F-AFTER")).containsExactly("2026-11-06 APPROVED");
        assertThat(decisions("FRAUD:S-F:O-F-NEVER")).containsExactly("2026-11-06 APPROVED");
        assertThat(decisions("FRAUD:S-F:O-F-BEFORE")).isEmpty();
        assertThat(decisions("FRAUD:S-F:O-F-LATER")).isEmpty();
        assertThat(decisions("FRAUD:S-G:O-G-NEVER")).isEmpty();
    }
}
