package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.reliability.SampleNights.Night;

/**
 * The decisions of a night and the merge of its drop, split into parts by order and run at once, give what
 * one part gives: the same settlement files and reports byte for byte, and the same tables, over every
 * sample date.
 */
class PartitionedRunReliabilityTests {

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

    private static Night run(int parts, Path work) {
        return SampleNights.onFreshDatabase("rel_parts_" + parts, work.resolve("parts-" + parts), SampleNights.DATES,
                "--refunds.partitions.count=" + parts);
    }
}
