package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.TestDatabase;

/**
 * A published settlement file is never replaced, and an outbox belongs to the database that first
 * wrote to it: downstream deduplicates by file name, so a second file under a published name would be
 * dropped and its refunds, sent in no file, lost. The real command line in a child JVM.
 */
class OutboxReliabilityTests {

    private static final String DATE = "2026-11-10";
    private static final String CARD_FILE = "card-refunds-20261110-000001.csv";
    private static final String MARKER = ".refund-settlement-database";

    @TempDir
    Path work;

    @Test
    void aRunOfAnotherDatabaseRefusesTheOutboxWithTwoBeforeChangingAnything() throws IOException {
        String databaseA = TestDatabase.fresh("rel_outbox_owner_a");
        String databaseB = migrated("rel_outbox_owner_b");
        Result first = new ChildRun(databaseA).run(nightly(drop("inbox-a", "10.00")));
        Map<String, String> outboxBefore = Folders.contents(outbox());
        Map<String, String> stampsBefore = Folders.stamps(outbox());
        Map<String, List<String>> tablesBefore = everything(databaseB);

        Result other = new ChildRun(databaseB).run(nightly(drop("inbox-b", "12.00")));

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(other.exitCode()).as(other.output()).isEqualTo(2);
        assertThat(other.outcome()).contains(outbox().toString()).contains("another database")
                .contains("--outbox");
        assertThat(Folders.contents(outbox())).as("the outbox, byte for byte").isEqualTo(outboxBefore);
        assertThat(Folders.stamps(outbox())).as("no file written again").isEqualTo(stampsBefore);
        assertThat(everything(databaseB)).as("every table of the refused database").isEqualTo(tablesBefore);
        try (DatabaseSession a = DatabaseSession.open(databaseA)) {
            assertThat(Folders.read(outbox().resolve(MARKER)).strip()).as("the marker holds the owner's id")
                    .isEqualTo(a.strings("SELECT database_id FROM database_identity").get(0));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox().resolve(MARKER))))
                .isEqualTo("rw-------");
    }

    @Test
    void aRestoredDatabaseKeepsItsOutbox() {
        String database = TestDatabase.fresh("rel_outbox_restored");
        Result first = new ChildRun(database).run(nightly(drop("inbox", "10.00")));
        String restored = TestDatabase.copyOf(database, "rel_outbox_restored_copy");
        Drops.write(work.resolve("inbox"), "2026-11-11", Map.of());

        Result next = new ChildRun(restored).run("nightly", "--business-date=2026-11-11",
                "--inbox=" + work.resolve("inbox"), "--outbox=" + outbox(), "--reports=" + work.resolve("reports"));

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(next.exitCode()).as(next.output()).isZero();
        assertThat(Folders.contents(outbox().resolve("2026-11-11"))).containsKey("card-refunds-20261111-000002.csv");
    }

    @Test
    void aDifferentFileUnderANameTheRunWouldPublishFailsItNamingTheFileAndChangesNothingInTheFolder() {
        String backup = migrated("rel_outbox_restored_backup");
        String restoredFromBackup = TestDatabase.copyOf(backup, "rel_outbox_restored_old");
        Result first = new ChildRun(backup).run(nightly(drop("inbox-a", "10.00")));
        Map<String, String> outboxBefore = Folders.contents(outbox());
        Map<String, String> stampsBefore = Folders.stamps(outbox());

        Result again = new ChildRun(restoredFromBackup).run(nightly(drop("inbox-b", "12.00")));

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
        assertThat(again.outcome()).contains(outbox().resolve(DATE).resolve(CARD_FILE).toString())
                .contains("never replaced");
        assertThat(Folders.contents(outbox())).as("the outbox, byte for byte").isEqualTo(outboxBefore);
        assertThat(Folders.stamps(outbox())).as("no file written again").isEqualTo(stampsBefore);
    }

    /** A drop for DATE: one card order of the given amount and its confirmed cancellation. */
    private Path drop(String inbox, String amount) {
        Drops.write(work.resolve(inbox), DATE, Map.of(
                "orders.csv", List.of("O-1,S-1,B-1,CARD,psp_1,USD," + amount + ",0.00,2026-11-01T10:00:00Z,"
                        + "2026-12-30T10:00:00Z,,,,false,2027-01-01T00:00:00Z"),
                "cancellations.csv", List.of("C-1,O-1,2026-11-09T10:00:00Z,2026-11-09T12:00:00Z")));
        return work.resolve(inbox);
    }

    private String[] nightly(Path inbox) {
        return new String[] {"nightly", "--business-date=" + DATE, "--inbox=" + inbox, "--outbox=" + outbox(),
                "--reports=" + work.resolve("reports-" + inbox.getFileName())};
    }

    private Path outbox() {
        return work.resolve("outbox");
    }

    private static String migrated(String name) {
        String url = TestDatabase.fresh(name);
        Flyway.configure().dataSource(url, TestDatabase.USER, "").locations("classpath:db/migration").load().migrate();
        return url;
    }

    private static Map<String, List<String>> everything(String database) {
        try (DatabaseSession db = DatabaseSession.open(database)) {
            return db.everything();
        }
    }
}
