package com.marketplace.refunds.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.support.RolledBackDatabase;

/**
 * The archive's moves pair each order it moves with its rows through an index, as the archive runs
 * them (hash and merge joins off): never by comparing every order moved with every other row moved,
 * which for a night of half a million orders had not finished after four minutes.
 */
class ArchiveMovePlanTests {

    @Test
    void movesANightsOrdersAndRefundsWithoutComparingEveryPair() {
        try (RolledBackDatabase db = RolledBackDatabase.migrated("archive_move_plan")) {
            // given a night of orders chosen for the archive, with fresh statistics, as Archiver.move has them
            JdbcClient jdbc = db.jdbc();
            jdbc.sql(Archiver.ARCHIVING).update();
            jdbc.sql("INSERT INTO archiving (order_id) SELECT 'O-' || n FROM generate_series(1, 50000) n").update();
            jdbc.sql("ANALYZE archiving").update();
            for (String move : new String[] {Archiver.REFUNDS_OUT, Archiver.ORDERS_OUT}) {
                // when planned as Archiver.move runs it
                List<String> plan = db.plan(move, true, Map.of("asOf", LocalDate.parse("2027-01-20")));
                // then
                assertThat(String.join("\n", plan)).as(move).doesNotContain("Join Filter");
            }
        }
    }
}
