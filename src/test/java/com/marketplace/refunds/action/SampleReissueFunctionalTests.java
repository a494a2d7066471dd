package com.marketplace.refunds.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.RunOutcome;
import com.marketplace.refunds.support.Nights;

/**
 * The sample's reissue, end to end (sample-data/README.md, as jobs/run-sample shows it): the card
 * refund of O-1020 is confirmed and sent back on 2026-11-25; alice (support) asks for a reissue, bob
 * (finance) approves it; the run for 2026-12-16 decides it first and sends it in that night's card
 * file; the processor's report delivered with 2026-12-29 confirms it. Then the sample's held night
 * (docs/hold.md): 2026-12-30 approves 60 card refunds in USD where the five earlier runs approved a
 * median of 2; it holds them (exit 4) and sends an empty card file; a release asked by alice and
 * approved by bob sends them in 2026-12-31's file.
 */
class SampleReissueFunctionalTests {

    private static final String FAILED = "RF-9D1E5BA706501EBCA860";
    private static final String REISSUED = "RF-A28436CDB9CE26367DF9";

    @Test
    void theSamplesFailedCardRefundIsReissuedSentAndConfirmedAndItsUnusualNightIsHeldThenReleased()
            throws IOException {
        try (Nights nights = new Nights("sample_reissue")) {
            copy(Path.of("sample-data"), nights.inbox(), "2026-11-23", "2026-11-24", "2026-11-25", "2026-12-16",
                    "2026-12-28");
            for (String date : List.of("2026-11-23", "2026-11-24", "2026-11-25")) {
                completed(nights.attempt(LocalDate.parse(date)));
            }
            assertThat(nights.status("FRAUD:S-SHADY:O-1020")).isEqualTo("FAILED");
            nights.bean(People.class).add("alice", "SUPPORT", null);
            nights.bean(People.class).add("bob", "FINANCE", null);
            ActionRequests requests = nights.bean(ActionRequests.class);
            long id = requests.request("alice", new ActionRequests.Request("reissue", FAILED, null, null,
                    "the bank sent it back; the buyer's card is valid again", null, null));
            requests.decide("bob", id, true, "checked with the buyer");

            completed(nights.attempt(LocalDate.parse("2026-12-16")));
            completed(nights.attempt(LocalDate.parse("2026-12-28")));

            assertThat(Files.readAllLines(nights.reports(LocalDate.parse("2026-12-16")).resolve("decisions.csv")).get(1))
                    .isEqualTo("REISSUE:" + FAILED + ":1," + REISSUED + ",O-1020,REISSUE,APPROVED,,USD,84.99,84.99");
            assertThat(cardFile(nights, "2026-12-16")).contains(REISSUED + ",O-1020,8839962015547702,USD,84.99,REISSUE");
            assertThat(nights.status("REISSUE:" + FAILED + ":1")).isEqualTo("REFUND_PROCESSING");

            copy(Path.of("sample-data/arrive-later"), nights.inbox(), "2026-12-20", "2026-12-29");
            completed(nights.attempt(LocalDate.parse("2026-12-29")));

            assertThat(nights.status("REISSUE:" + FAILED + ":1")).isEqualTo("REFUNDED");
            assertThat(nights.status("FRAUD:S-SHADY:O-1020")).isEqualTo("FAILED");
            assertThat(nights.breaks(LocalDate.parse("2026-12-29"))).noneMatch(b -> b.contains(REISSUED));
            assertThat(Files.readString(nights.reports(LocalDate.parse("2026-12-28")).resolve("stuck-refunds.csv")))
                    .as("a reissued refund is never stuck").doesNotContain(FAILED);

            copy(Path.of("sample-data/held-later"), nights.inbox(), "2026-12-30", "2026-12-31");
            RunOutcome held = nights.attempt(LocalDate.parse("2026-12-30"));
            assertThat(held.exitCode()).as(held.message()).isEqualTo(ExitCode.HELD);
            assertThat(held.message()).contains("HELD for review: 60 CARD USD refunds approved on 2026-12-30 held: "
                    + "the night approved 60 for 1494.00 USD, against a median of 2 for 99.40 USD over the last 5 runs");
            assertThat(cardFile(nights, "2026-12-30")).as("the card file goes out without them").hasSize(1);
            assertThat(nights.status("CANCEL:C-3099")).as("PayPal is as usual").isEqualTo("REFUND_PROCESSING");
            long release = requests.request("alice", new ActionRequests.Request("release", null,
                    LocalDate.parse("2026-12-30"), "CARD", "a flash sale cancelled by its buyers", null, null));
            requests.decide("bob", release, true, "agreed");

            completed(nights.attempt(LocalDate.parse("2026-12-31")));

            assertThat(cardFile(nights, "2026-12-31")).hasSize(61)
                    .allSatisfy(line -> assertThat(line).matches("refund_id,.*|RF-\\w+,O-30\\d\\d,psp-O-30\\d\\d,USD,24.90,CANCELLATION"));
            assertThat(nights.status("CANCEL:C-3001")).isEqualTo("REFUND_PROCESSING");
        }
    }

    private static void completed(RunOutcome outcome) {
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.COMPLETED);
    }

    private static List<String> cardFile(Nights nights, String date) throws IOException {
        try (Stream<Path> files = Files.list(nights.outbox().resolve(date))) {
            Path card = files.filter(f -> f.getFileName().toString().matches("card-refunds-\\d{8}-\\d{6}\\.csv"))
                    .findFirst().orElseThrow();
            return Files.readAllLines(card);
        }
    }

    private static void copy(Path from, Path inbox, String... dates) throws IOException {
        for (String date : dates) {
            Path source = from.resolve(date);
            try (Stream<Path> tree = Files.walk(source)) {
                tree.forEach(path -> {
                    try {
                        Path target = inbox.resolve(date).resolve(source.relativize(path).toString());
                        if (Files.isDirectory(path)) {
                            Files.createDirectories(target);
                        }
                        else {
                            Files.copy(path, target);
                        }
                    }
                    catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
