package com.marketplace.refunds.reliability;

import static com.marketplace.refunds.reliability.Rows.nightly;
import static com.marketplace.refunds.reliability.Rows.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.TestDatabase;

/**
 * No file is read from outside the inbox: a symbolic link among the extracts, as control.csv, as the
 * date folder itself, or anywhere else in the date folder (the manifest would hash an ignored file),
 * that leads out of the inbox fails the run naming the link, and neither what it leads to nor a
 * word of that file reaches the console, the log or nightly_run. A link that stays inside the inbox
 * is read like the file itself. ({@code processor/} has links of its own, checked by reconciliation.)
 */
class DropLinksReliabilityTests {

    private static final String DATE = "2026-11-10";
    /** Text of a file outside the inbox, shaped so that today's error messages would repeat it. */
    private static final String SECRET = "TOPSECRET-9F3B";
    private static final String ELSEWHERE = "elsewhere-outside";

    /** Where the link is, relative to the inbox, and how it is made. */
    record Link(String name, String linkInInbox, Maker make) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Maker {
        void make(Path inbox, Path elsewhere) throws IOException;
    }

    static Stream<Link> linksLeadingOut() {
        return Stream.of(
                new Link("an extract linked to a file outside", DATE + "/orders.csv", (inbox, elsewhere) -> {
                    Path secret = Files.writeString(elsewhere.resolve("secret.csv"),
                            "order_id," + SECRET + "," + SECRET + "\nO-1,a,b\n");
                    Path orders = inbox.resolve(DATE).resolve("orders.csv");
                    Files.delete(orders);
                    Files.createSymbolicLink(orders, secret);
                    RawDrop.writeControl(inbox.resolve(DATE)); // truthful: what the link leads to
                }),
                new Link("control.csv linked to a file outside", DATE + "/control.csv", (inbox, elsewhere) -> {
                    String hex = "a".repeat(64);
                    Path secret = Files.writeString(elsewhere.resolve("control.csv"),
                            "file,rows,sha256\n" + SECRET + ",1," + hex + "\n" + SECRET + ",1," + hex + "\n");
                    Path control = inbox.resolve(DATE).resolve("control.csv");
                    Files.delete(control);
                    Files.createSymbolicLink(control, secret);
                }),
                new Link("a file the run ignores, linked to a file outside", DATE + "/notes.txt", (inbox, elsewhere) -> {
                    Path secret = Files.writeString(elsewhere.resolve("notes.txt"), SECRET + "\n");
                    Files.createSymbolicLink(inbox.resolve(DATE).resolve("notes.txt"), secret);
                }),
                new Link("a file in a subfolder, linked to a file outside", DATE + "/extra/more.csv", (inbox, elsewhere) -> {
                    Path secret = Files.writeString(elsewhere.resolve("more.csv"), SECRET + "\n");
                    Path extra = Files.createDirectories(inbox.resolve(DATE).resolve("extra"));
                    Files.createSymbolicLink(extra.resolve("more.csv"), secret);
                }),
                new Link("a link leading out, in a date folder that is itself a link within the inbox",
                        "kept/" + DATE + "/notes.txt", (inbox, elsewhere) -> {
                    Path kept = Files.createDirectories(inbox.resolve("kept")).resolve(DATE);
                    Files.move(inbox.resolve(DATE), kept);
                    Files.createSymbolicLink(inbox.resolve(DATE), Path.of("kept", DATE));
                    Path secret = Files.writeString(elsewhere.resolve("notes.txt"), SECRET + "\n");
                    Files.createSymbolicLink(kept.resolve("notes.txt"), secret);
                }),
                new Link("the date folder linked to a folder outside", DATE, (inbox, elsewhere) -> {
                    Path outside = elsewhere.resolve(DATE);
                    Files.move(inbox.resolve(DATE), outside);
                    Files.writeString(outside.resolve("orders.csv"), "order_id," + SECRET + "," + SECRET + "\n");
                    RawDrop.writeControl(outside);
                    Files.createSymbolicLink(inbox.resolve(DATE), outside);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linksLeadingOut")
    void aLinkLeadingOutOfTheInboxFailsTheRunNamingOnlyTheLink(Link link, @TempDir Path work) throws IOException {
        Path inbox = work.resolve("inbox");
        Path elsewhere = Files.createDirectories(work.resolve(ELSEWHERE));
        validDrop().write(inbox, DATE);
        link.make().make(inbox, elsewhere);
        String database = TestDatabase.fresh("rel_drop_link_" + Math.abs(link.name().hashCode()));

        Result result = new ChildRun(database).run(nightly(work, DATE));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.outcome()).contains(inbox.resolve(link.linkInInbox()).toString())
                .contains("symbolic link that leads outside the inbox");
        assertThat(result.output()).as("nothing of the file, nor where it is").doesNotContain(SECRET, ELSEWHERE)
                .doesNotContain("\tat ");
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.strings("SELECT message FROM nightly_run")).singleElement().asString()
                    .contains("symbolic link").doesNotContain(SECRET, ELSEWHERE);
            assertThat(db.count("SELECT count(*) FROM orders")).isZero();
        }
        assertThat(work.resolve("reports").resolve(DATE).resolve("rejects")).as("no rejects of a file outside")
                .doesNotExist();
    }

    @Test
    void aLinkThatStaysInsideTheInboxIsReadLikeTheFile(@TempDir Path work) throws IOException {
        Path inbox = work.resolve("inbox");
        Path drop = validDrop().write(inbox, DATE);
        Path kept = Files.createDirectories(inbox.resolve("kept")).resolve("orders.csv");
        Files.move(drop.resolve("orders.csv"), kept);
        Files.createSymbolicLink(drop.resolve("orders.csv"), Path.of("..", "kept", "orders.csv"));
        String database = TestDatabase.fresh("rel_drop_link_inside");

        Result result = new ChildRun(database).run(nightly(work, DATE));

        assertThat(result.exitCode()).as(result.output()).isZero();
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.strings("SELECT order_id FROM orders ORDER BY 1")).containsExactly("O-1", "O-2");
        }
    }

    private static RawDrop validDrop() {
        return new RawDrop()
                .lines("orders.csv", order("O-1", "USD", "10.00", "0.00", ""), order("O-2", "USD", "20.00", "0.00", ""))
                .lines("cancellations.csv", "C-1,O-1,2026-11-09T10:00:00Z,2026-11-09T10:30:00Z");
    }
}
