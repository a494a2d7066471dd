package com.marketplace.refunds.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.Nights;

/**
 * {@code manifest.csv} lists the files this run read and wrote, and nothing else that lies in the
 * same folders: another run's settlement files copied into the outbox, a stray report, an old
 * rejects file of an extract that has no bad rows now.
 */
class ManifestTests {

    private static final LocalDate D = LocalDate.parse("2026-11-25");
    private static final Nights nights = new Nights("manifest");

    @AfterAll
    static void close() {
        nights.close();
    }

    @Test
    void listsOnlyTheFilesThisRunWroteWithTheirSizesAndHashes() throws IOException {
        Path outboxOfDay = Files.createDirectories(nights.outbox().resolve(D.toString()));
        Path reportsOfDay = nights.reports(D);
        // another database's files for the same date, and leftovers in the reports
        Files.writeString(outboxOfDay.resolve("card-refunds-20261125-000003.csv"), "refund_id,order_id\n");
        Files.writeString(outboxOfDay.resolve("card-refunds-20261125-000003.csv.ctl.json"), "{}");
        Files.createDirectories(reportsOfDay.resolve("rejects"));
        Files.writeString(reportsOfDay.resolve("notes.txt"), "someone's notes");
        Files.writeString(reportsOfDay.resolve("rejects").resolve("cancellations.csv.rejects.csv"), "old");

        nights.run(D, Map.of(
                "orders.csv", List.of(Nights.order("O-1", "10.00", "2.00"), Nights.order("O-2", "5.00", "0.00"),
                        "O-3,S-1,B-1,CARD,psp-O-3,US,1.00,0.00,2026-11-01T10:00:00Z,,,,,false,"),
                "cancellations.csv", List.of(Nights.cancellation("C-1", "O-1", "2026-11-20T10:00:00Z"))));

        List<String[]> rows = Files.readAllLines(reportsOfDay.resolve("manifest.csv")).stream().skip(1)
                .map(line -> line.split(",")).toList();
        assertThat(rows).extracting(row -> row[0] + " " + row[1]).containsExactly(
                "input 2026-11-25/cancellations.csv",
                "input 2026-11-25/control.csv",
                "input 2026-11-25/dispute_resolutions.csv",
                "input 2026-11-25/free_returns.csv",
                "input 2026-11-25/orders.csv",
                "input 2026-11-25/store_blocks.csv",
                "output 2026-11-25/card-refunds-20261125-000001.csv",
                "output 2026-11-25/card-refunds-20261125-000001.csv.ctl.json",
                "output 2026-11-25/paypal-refunds-20261125-000001.csv",
                "output 2026-11-25/paypal-refunds-20261125-000001.csv.ctl.json",
                "output 2026-11-25/decisions.csv",
                "output 2026-11-25/reconciliation-breaks.csv",
                "output 2026-11-25/reconciliation-summary.csv",
                "output 2026-11-25/reconciliation.html",
                "output 2026-11-25/rejects/orders.csv.rejects.csv",
                "output 2026-11-25/stuck-refunds.csv");
        for (String[] row : rows) {
            Path root = row[0].equals("input") ? nights.inbox()
                    : row[1].contains("-refunds-") ? nights.outbox() : nights.reports(D).getParent();
            byte[] bytes = Files.readAllBytes(root.resolve(row[1]));
            assertThat(row[2]).as(row[1]).isEqualTo(String.valueOf(bytes.length));
            assertThat(row[3]).as(row[1]).isEqualTo(Drops.sha256(bytes));
        }
        assertThat(Files.exists(reportsOfDay.resolve("rejects").resolve("cancellations.csv.rejects.csv")))
                .as("the old rejects file of an extract without bad rows now is removed").isFalse();
        assertThat(Files.readString(outboxOfDay.resolve("card-refunds-20261125-000001.csv")))
                .contains(Nights.refundId("CANCEL:C-1") + ",O-1,psp-O-1,USD,12.00,CANCELLATION");
    }
}
