package com.marketplace.refunds.reliability;

import static com.marketplace.refunds.reliability.Rows.nightly;
import static com.marketplace.refunds.reliability.Rows.order;
import static com.marketplace.refunds.reliability.Rows.refundId;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.RunningChild;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The intake's memory does not grow with its input: the real command, in a JVM with a 96 MB heap,
 * takes a drop whose orders.csv holds one record of 100 MiB of commas (more than the whole heap)
 * and 300,000 bad rows. The record is counted for control.csv, is a bad row with its raw text cut,
 * the bad rows are all in the rejects file, and the run completes.
 */
class BoundedMemoryReliabilityTests {

    private static final String DATE = "2026-11-10";
    private static final long HUGE_RECORD_CHARS = 100L << 20;
    private static final int BAD_ROWS = 300_000;
    private static final String SMALL_HEAP = "-Xmx96m";
    /** The optimising compiler, which the other child runs leave out to start faster: this one reads 100 MiB three times. */
    private static final String FULL_JIT = "-XX:TieredStopAtLevel=4";

    @Test
    void aHugeRecordAndManyBadRowsRunInASmallHeap(@TempDir Path work) throws IOException {
        Path drop = new RawDrop()
                .lines("cancellations.csv", "C-1,O-1,2026-11-09T10:00:00Z,2026-11-09T10:30:00Z")
                .write(work.resolve("inbox"), DATE);
        writeHostileOrders(drop.resolve("orders.csv"));
        RawDrop.writeControl(drop);
        String database = TestDatabase.fresh("rel_bounded_memory");

        Result result;
        try (RunningChild run = new ChildRun(database, SMALL_HEAP, FULL_JIT)
                .start(Map.of("REFUNDS_BAD_ROWS_MAX_PERCENT", "100"), nightly(work, DATE))) {
            result = run.awaitExit(ChildRun.RUN_LIMIT);
        }

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain("OutOfMemoryError");
        Path reports = work.resolve("reports").resolve(DATE);
        assertThat(Folders.read(reports.resolve("decisions.csv")))
                .contains("CANCEL:C-1," + refundId("CANCEL:C-1") + ",O-1,CANCELLATION,APPROVED,,USD,10.00,10.00");
        List<String[]> rejects = Folders.csv(reports.resolve("rejects").resolve("orders.csv.rejects.csv"));
        assertThat(rejects).hasSize(1 + 1 + BAD_ROWS);
        assertThat(rejects.get(1)).containsExactly("2",
                "malformed record: the record is longer than 1000000 characters", ",".repeat(2_000) + "...(truncated)");
        assertThat(rejects.get(2)).containsExactly("3",
                "items_amount is not a USD amount: a plain decimal with at most 2 decimals, no sign", badRow(1));
        assertThat(rejects.get(BAD_ROWS + 1)).containsExactly(String.valueOf(BAD_ROWS + 2),
                "items_amount is not a USD amount: a plain decimal with at most 2 decimals, no sign", badRow(BAD_ROWS));
    }

    /** The header, one record of commas only, the bad rows, then one good order. */
    private static void writeHostileOrders(Path orders) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(orders, StandardCharsets.UTF_8)) {
            out.write(Drops.HEADERS.get("orders.csv"));
            out.write('\n');
            char[] commas = new char[1 << 16];
            Arrays.fill(commas, ',');
            for (long written = 0; written < HUGE_RECORD_CHARS; written += commas.length) {
                out.write(commas);
            }
            out.write('\n');
            for (int i = 1; i <= BAD_ROWS; i++) {
                out.write(badRow(i));
                out.write('\n');
            }
            out.write(order("O-1", "USD", "10.00", "0.00", ""));
            out.write('\n');
        }
    }

    private static String badRow(int i) {
        return order("B-" + i, "USD", "-5.00", "0.00", "");
    }
}
