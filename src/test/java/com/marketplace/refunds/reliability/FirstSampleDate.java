package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.Drops;

/**
 * The first date of sample-data/ and what an uninterrupted run gives for it, from the expected
 * files of the functional test and the sample orders alone: the tests of this package interrupt
 * its run and compare.
 */
final class FirstSampleDate {

    static final String DATE = "2026-11-23";
    static final int DECISIONS = 12;
    static final int REFUNDS = 4;

    private static final String EXPECTED = "/nightly/expected/" + DATE + "/";
    private static final String CARD_FILE = "card-refunds-20261123-000001.csv";
    private static final String PAYPAL_FILE = "paypal-refunds-20261123-000001.csv";

    private FirstSampleDate() {
    }

    static String[] nightly(Path work) {
        return new String[] {"nightly", "--business-date=" + DATE, "--inbox=sample-data",
                "--outbox=" + work.resolve("outbox"), "--reports=" + work.resolve("reports")};
    }

    /** The refunds, decisions, reports and settlement files of an uninterrupted run, and a clean job repository. */
    static void assertEndedAsAnUninterruptedRun(DatabaseSession db, Path work) {
        assertThat(Folders.read(work.resolve("reports").resolve(DATE).resolve("decisions.csv")))
                .as("decisions.csv, byte for byte").isEqualTo(Folders.resource(EXPECTED + "decisions.csv"));
        assertThat(db.strings("""
                SELECT r.refund_key || ',' || r.refund_id || ',' || r.order_id || ',' || r.currency || ','
                       || round(r.amount_minor / power(10::numeric, c.exponent), c.exponent) || ',' || r.approved_on
                  FROM refund r JOIN currency c ON c.code = r.currency ORDER BY r.refund_key COLLATE "C"
                """)).as("refunds").containsExactlyElementsOf(expectedLines("refunds.csv"));
        assertThat(db.strings("SELECT DISTINCT status FROM refund")).containsExactly("REFUND_PROCESSING");
        assertThat(db.strings("""
                SELECT payment_method || ' ' || sequence || ' ' || status FROM settlement_file ORDER BY payment_method
                """)).containsExactly("CARD 1 PUBLISHED", "PAYPAL 1 PUBLISHED");
        assertThat(db.strings("SELECT last_sequence FROM settlement_sequence ORDER BY payment_method"))
                .as("no sequence number used twice or skipped").containsExactly("1", "1");
        assertThat(db.count("""
                SELECT count(*) FROM refund r WHERE (SELECT count(*) FROM refund_status_history h
                 WHERE h.refund_id = r.refund_id) <> 2
                """)).as("each refund approved once and sent once in its history").isZero();
        assertThat(Folders.contents(work.resolve("outbox").resolve(DATE)).keySet())
                .containsExactly(CARD_FILE, CARD_FILE + ".ctl.json", PAYPAL_FILE, PAYPAL_FILE + ".ctl.json");
        assertSettlementFilesAsExpected(work);
        assertThat(db.strings("SELECT status FROM nightly_run WHERE business_date = ?::date", DATE))
                .containsExactly("COMPLETED");
        assertThat(db.unfinishedExecutions()).isEmpty();
    }

    /**
     * After a run that did not complete: the date is either untouched by the deciding step or fully
     * decided, never in between, and any settlement file visible under its final name is complete.
     */
    static void assertNothingHalfApplied(DatabaseSession db, Path work) {
        long decisions = db.count("SELECT count(*) FROM decision WHERE business_date = ?::date", DATE);
        assertThat(decisions).as("decisions of the date: none or all").isIn(0L, (long) DECISIONS);
        assertThat(db.count("SELECT count(*) FROM refund")).as("refunds follow the decisions")
                .isEqualTo(decisions == 0 ? 0 : REFUNDS);
        assertThat(db.count("SELECT count(*) FROM refund_trigger WHERE business_date = ?::date", DATE))
                .as("triggers: none or all").isIn(0L, 12L);
        assertSettlementFilesAsExpected(work);
    }

    /** Every settlement file under its final name is the expected one, byte for byte, and its control file matches it. */
    private static void assertSettlementFilesAsExpected(Path work) {
        Map<String, String> files = Folders.contents(work.resolve("outbox").resolve(DATE));
        Map<String, String> expected = Map.of(CARD_FILE, expectedSettlementFile("CARD"),
                PAYPAL_FILE, expectedSettlementFile("PAYPAL"));
        files.forEach((name, content) -> {
            if (name.startsWith(".")) {
                return; // a hidden partial file is allowed, a downstream system never takes it
            }
            if (name.endsWith(".ctl.json")) {
                String csv = name.substring(0, name.length() - ".ctl.json".length());
                assertThat(files).as("the control file appears last").containsKey(csv);
                assertThat(JsonPath.parse(content).read("$.sha256", String.class))
                        .isEqualTo(Drops.sha256(files.get(csv).getBytes(StandardCharsets.ISO_8859_1)));
                assertThat(JsonPath.parse(content).read("$.recordCount", Integer.class))
                        .isEqualTo((int) expected.get(csv).lines().count() - 1);
            }
            else {
                assertThat(content).as(name).isEqualTo(expected.get(name));
            }
        });
    }

    /** The settlement file for the method, built from the expected refunds and the sample orders. */
    private static String expectedSettlementFile(String method) {
        Map<String, String[]> orders = new HashMap<>();
        Folders.read(Path.of("sample-data", DATE, "orders.csv")).lines().skip(1)
                .map(line -> line.split(",", -1)).forEach(order -> orders.put(order[0], order));
        StringBuilder file = new StringBuilder(method.equals("CARD")
                ? "refund_id,order_id,psp_reference,currency,amount,reason\n"
                : "refund_id,order_id,capture_id,currency,amount,reason\n");
        List<String[]> refunds = new ArrayList<>();
        expectedLines("refunds.csv").forEach(line -> refunds.add(line.split(",")));
        refunds.sort((a, b) -> a[1].compareTo(b[1]));
        for (String[] refund : refunds) {
            String[] order = orders.get(refund[2]);
            if (order[3].equals(method)) {
                file.append(String.join(",", refund[1], refund[2], order[4], refund[3], refund[4], trigger(refund[0])))
                        .append('\n');
            }
        }
        return file.toString();
    }

    private static String trigger(String refundKey) {
        return switch (refundKey.substring(0, refundKey.indexOf(':'))) {
            case "CANCEL" -> "CANCELLATION";
            case "AUTOCANCEL" -> "AUTO_CANCELLATION";
            case "FRAUD" -> "FRAUD_BLOCK";
            case "RETURN" -> "FREE_RETURN";
            case "DISPUTE" -> "DISPUTE";
            default -> throw new IllegalArgumentException(refundKey);
        };
    }

    private static List<String> expectedLines(String file) {
        return Folders.resource(EXPECTED + file).lines().skip(1).toList();
    }
}
