package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.TestDatabase;

/**
 * Card numbers planted in payment_reference (each scheme prefix, 13 to 19 digits, with dashes and
 * with spaces) and in the free-text reason of disputes, good rows and bad ones (found bad by the
 * row checks and by SQL): none may come out unmasked, in any file, in the log (at the production
 * log level), or in any table of the database, the job repository included.
 */
class CardNumberReliabilityTests {

    private static final String DATE = "2026-11-10";

    /** Every card number planted, as written in the drop. */
    private static final List<String> PLANTED = List.of("4111111111111111", "5555555555554444", "2223003122003222",
            "378282246310005", "36227206271667", "6011111111111117", "3530111333300000", "4222222222222",
            "5105-1051-0510-5100", "4012 8888 8888 1881", "4917 6100 0000 0000 003", "30569309025904",
            "38520000023237", "6221-2600-0000-0000-001", "4111 1111 1111 1111");

    /**
     * Written independently of the product's CardNumbers: 13 to 19 digits in one run, or grouped as
     * cards are written (4-4-4-4..., Amex 4-6-5, Diners 4-6-4) with spaces or dashes. Other groupings
     * are no card: a settlement file name holds 20261110-000001, 14 digits that pass Luhn.
     */
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])(?:[0-9]{13,19}"
            + "|[0-9]{4}([ -])[0-9]{4}(?:\\1[0-9]{4}){1,2}(?:\\1[0-9]{1,4})?"
            + "|[0-9]{4}([ -])[0-9]{6}\\2[0-9]{4,5})(?![0-9])");

    /** Kept out of @TempDir: random digits in a temporary folder's name, echoed in paths, could look like a card. */
    private static final Path WORK = Path.of("target", "reliability-card-numbers").toAbsolutePath();

    private static String database;
    private static Result run;

    @BeforeAll
    static void runADropFullOfCardNumbers() throws IOException {
        deleteRecursively(WORK);
        new RawDrop()
                .lines("orders.csv",
                        order("O-1", "CARD", "psp-1"),                   // 2 good
                        order("O-2", "PAYPAL", "3PJ51735WK4126913"),     // 3 good
                        order("O-13", "CARD", "8815409247139026"),       // 4 good: Luhn-valid, but 8 is no scheme
                        order("O-3", "CARD", "4111111111111111"),        // 5 Visa
                        order("O-4", "CARD", "5555555555554444"),        // 6 Mastercard
                        order("O-5", "CARD", "2223003122003222"),        // 7 Mastercard 2-series
                        order("O-6", "CARD", "378282246310005"),         // 8 Amex, 15 digits
                        order("O-7", "CARD", "36227206271667"),          // 9 Diners, 14 digits
                        order("O-8", "CARD", "6011111111111117"),        // 10 Discover
                        order("O-9", "CARD", "3530111333300000"),        // 11 JCB
                        order("O-10", "CARD", "4222222222222"),          // 12 Visa, 13 digits
                        order("O-11", "CARD", "5105-1051-0510-5100"),    // 13 with dashes: a valid identifier
                        order("O-12", "CARD", "4012 8888 8888 1881"))    // 14 with spaces
                .lines("cancellations.csv",
                        "C-1,O-1,2026-11-09T10:00:00Z,2026-11-09T10:30:00Z",
                        "C-3,O-3,2026-11-09T12:00:00Z,2026-11-09T12:30:00Z")
                .lines("dispute_resolutions.csv",
                        dispute("D-1", "Charged twice on card 4917 6100 0000 0000 003 and 30569309025904", "5.00",
                                "SELLER_ACCEPTED"),                                                      // 2 good
                        dispute("D-2", "my card 38520000023237 was charged", "5.00", "SELLER_REFUSED"),  // 3 bad enum
                        dispute("D-1", "card 6221-2600-0000-0000-001", "5.00", "SELLER_ACCEPTED"),       // 4 id again
                        dispute("D-4", "Amex ref378282246310005x", "1.001", "SELLER_ACCEPTED"),          // 5 SQL: decimals
                        dispute("D-5", "4111 1111 1111 1111", "5.00", "PLATFORM_SELLER"))                // 6 good
                .write(WORK.resolve("inbox"), DATE);
        database = TestDatabase.fresh("rel_card_numbers");
        run = new ChildRun(database, "-Dlogging.level.com.marketplace.refunds=INFO")
                .run("nightly", "--business-date=" + DATE, "--inbox=" + WORK.resolve("inbox"),
                        "--outbox=" + WORK.resolve("outbox"), "--reports=" + WORK.resolve("reports"));
    }

    @Test
    void aCardLikePaymentReferenceIsABadRowAndEverythingElseIsDecided() {
        assertThat(run.exitCode()).as(run.output()).isZero();
        String cardLike = "payment_reference looks like a card number";
        assertThat(rejects("orders.csv")).extracting(row -> row[0] + " " + row[1]).satisfiesExactly(
                row -> assertThat(row).startsWith("5 " + cardLike),
                row -> assertThat(row).startsWith("6 " + cardLike),
                row -> assertThat(row).startsWith("7 " + cardLike),
                row -> assertThat(row).startsWith("8 " + cardLike),
                row -> assertThat(row).startsWith("9 " + cardLike),
                row -> assertThat(row).startsWith("10 " + cardLike),
                row -> assertThat(row).startsWith("11 " + cardLike),
                row -> assertThat(row).startsWith("12 " + cardLike),
                row -> assertThat(row).startsWith("13 " + cardLike),
                row -> assertThat(row).startsWith("14 payment_reference is not an identifier"));
        assertThat(rejects("dispute_resolutions.csv")).extracting(row -> row[0]).containsExactly("3", "4", "5");
        assertThat(Folders.read(WORK.resolve("reports").resolve(DATE).resolve("decisions.csv")).lines()
                .map(line -> line.substring(0, line.indexOf(',')) + " " + line.split(",", -1)[4]))
                .containsExactly("refund_key decision", "CANCEL:C-1 APPROVED", "DISPUTE:D-1 APPROVED",
                        "DISPUTE:D-5 REJECTED", "CANCEL:C-3 REJECTED");
    }

    @Test
    void aRejectedRecordShowsOnlyTheLastFourDigitsOfACardNumber() {
        String orders = String.join("\n", rejects("orders.csv").stream().map(row -> row[2]).toList());
        String disputes = String.join("\n", rejects("dispute_resolutions.csv").stream().map(row -> row[2]).toList());

        assertThat(orders).contains(",CARD,************1111,", ",CARD,***********0005,", ",CARD,*********2222,",
                ",CARD,****-****-****-5100,", ",CARD,**** **** **** 1881,");
        assertThat(disputes).contains("my card **********3237 was charged", "card ****-****-****-***0-001",
                "Amex ref***********0005x");
    }

    @Test
    void noCardNumberAppearsUnmaskedInAnyFileWritten() {
        String files = Folders.allText(WORK.resolve("outbox"), WORK.resolve("reports"));

        assertThat(files).contains("decisions.csv", "rejects");
        assertNoCardNumberIn(files);
    }

    @Test
    void noCardNumberAppearsUnmaskedInTheLog() {
        assertThat(run.output()).as("logged at INFO, as in production").contains("verified");
        assertNoCardNumberIn(run.output());
    }

    @Test
    void noCardNumberAppearsUnmaskedInAnyTableOfTheDatabase() {
        try (DatabaseSession db = DatabaseSession.open(database)) {
            var tables = db.everything();

            assertThat(tables).containsKeys("orders", "stage_reject", "batch_job_execution",
                    "batch_step_execution_context", "flyway_schema_history");
            tables.forEach((table, rows) -> assertNoCardNumberIn(table + " " + rows));
        }
    }

    private static void assertNoCardNumberIn(String text) {
        for (String planted : PLANTED) {
            assertThat(text).doesNotContain(planted, planted.replaceAll("[ -]", ""));
        }
        List<String> cardLike = new ArrayList<>();
        Matcher run = DIGIT_RUN.matcher(text);
        while (run.find()) {
            String digits = run.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && digits.matches("(2|4|5|34|37|36|38|30|35|6).*")
                    && luhnValid(digits)) {
                cardLike.add(run.group());
            }
        }
        assertThat(cardLike).as("card-like numbers").isEmpty();
    }

    private static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
        }
        return sum % 10 == 0;
    }

    /** The data rows of a rejects file: line, reason, raw. */
    private static List<String[]> rejects(String extract) {
        List<String[]> rows = Folders.csv(WORK.resolve("reports").resolve(DATE).resolve("rejects")
                .resolve(extract + ".rejects.csv"));
        return rows.subList(1, rows.size());
    }

    private static String order(String id, String method, String reference) {
        return String.join(",", id, "S-1", "B-1", method, reference, "USD", "10.00", "0.00", "2026-11-01T10:00:00Z",
                "2027-01-30T10:00:00Z", "", "", "", "false", "2027-03-01T00:00:00Z");
    }

    private static String dispute(String id, String reason, String requested, String resolution) {
        return String.join(",", id, "O-2", "2026-11-05T10:00:00Z", "2026-11-09T11:00:00Z", "RECEIVED", reason, requested,
                resolution, "", "false", "");
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
