package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.RefundSettlementApplication;
import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.NightlyRunner;
import com.marketplace.refunds.nightly.RunOutcome;
import com.marketplace.refunds.settlement.OutboxOwner;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The decisions of a night split into parts by order and decided at once give what one part gives:
 * the same settlement files and reports byte for byte, and the same tables, over every sample date.
 */
class PartitionedRunReliabilityTests {

    private static final List<String> DATES = List.of("2026-11-23", "2026-11-24", "2026-11-25", "2026-12-16",
            "2026-12-28");

    /** What the split itself records: which parts of the night were decided. */
    private static final List<String> SPLIT_ONLY = List.of("step_done", "database_identity");

    @Test
    void oneTwoAndSevenPartsGiveTheSameFilesAndTablesOnEverySampleDate(@TempDir Path work) {
        Night one = run(1, work);
        for (int parts : new int[] {2, 7}) {
            Night split = run(parts, work);

            assertThat(split.outbox()).as("settlement files with %d parts", parts).isEqualTo(one.outbox()).isNotEmpty();
            assertThat(split.reports()).as("reports with %d parts", parts).isEqualTo(one.reports())
                    .containsKey("2026-11-25/decisions.csv");
            assertThat(split.tables()).as("tables with %d parts", parts).isEqualTo(one.tables());
            assertThat(split.tables().get("decision")).as("decisions").hasSizeGreaterThan(20);
        }
    }

    private record Night(Map<String, String> outbox, Map<String, String> reports, Map<String, List<String>> tables) {
    }

    private static Night run(int parts, Path work) {
        String url = TestDatabase.fresh("rel_parts_" + parts);
        Path folder = work.resolve("parts-" + parts);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RefundSettlementApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url, "--refunds.partitions.count=" + parts,
                        "--logging.level.root=WARN")) {
            NightlyRunner runner = context.getBean(NightlyRunner.class);
            for (String date : DATES) {
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
        Night night = new Night(outbox, Folders.contents(folder.resolve("reports")), tables);
        TestDatabase.drop(url);
        return night;
    }
}
