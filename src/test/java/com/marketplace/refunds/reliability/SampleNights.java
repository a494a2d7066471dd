package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.NightlyRunner;
import com.marketplace.refunds.nightly.RunOutcome;
import com.marketplace.refunds.settlement.OutboxOwner;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.StartedApplication;
import com.marketplace.refunds.support.TestDatabase;

/**
 * Sample dates run in this JVM with some settings, and what they left (files, reports, tables): for showing that
 * runs split into parts, or decided on workers, give what one part gives.
 */
final class SampleNights {

    /** Every sample date with a drop. */
    static final List<String> DATES = List.of("2026-11-23", "2026-11-24", "2026-11-25", "2026-12-16", "2026-12-28");

    /** What the split itself records: which parts of the night were decided, and by which worker. */
    private static final List<String> SPLIT_ONLY = List.of("step_done", "database_identity", "part_claim");

    record Night(Map<String, String> outbox, Map<String, String> reports, Map<String, List<String>> tables) {
    }

    private SampleNights() {
    }

    /** The dates on a database of their own, dropped afterwards. */
    static Night onFreshDatabase(String name, Path folder, List<String> dates, String... settings) {
        String url = TestDatabase.fresh(name);
        try {
            return run(url, folder, dates, settings);
        }
        finally {
            TestDatabase.drop(url);
        }
    }

    /** The dates on the database at {@code url}, each of which must complete. */
    static Night run(String url, Path folder, List<String> dates, String... settings) {
        try (ConfigurableApplicationContext context = StartedApplication.on(url, settings)) {
            NightlyRunner runner = context.getBean(NightlyRunner.class);
            for (String date : dates) {
                RunOutcome outcome = runner.run(LocalDate.parse(date), Path.of("sample-data"), folder.resolve("outbox"),
                        folder.resolve("reports"));
                assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.COMPLETED);
            }
        }
        Map<String, List<String>> tables;
        try (DatabaseSession db = DatabaseSession.open(url)) {
            tables = new TreeMap<>(db.businessState());
        }
        SPLIT_ONLY.forEach(tables::remove);
        Map<String, String> outbox = Folders.contents(folder.resolve("outbox"));
        outbox.remove(OutboxOwner.MARKER); // names the database the outbox belongs to
        return new Night(outbox, Folders.contents(folder.resolve("reports")), tables);
    }
}
