package com.marketplace.refunds.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.marketplace.refunds.support.Drops;

/** Records of the extracts as the hostile-input tests write them, and what the product derives from them. */
final class Rows {

    private Rows() {
    }

    /** An order paid on 1 Nov, not shipped, its ship deadline and buyer protection far after the test dates. */
    static String order(String id, String currency, String items, String shipping, String tracking) {
        return String.join(",", id, "S-1", "B-1", "CARD", "psp-" + id, currency, items, shipping, "2026-11-01T10:00:00Z",
                "2027-01-30T10:00:00Z", "", tracking, "", "false", "2027-03-01T00:00:00Z");
    }

    /** A dispute opened on 5 Nov, resolved on 9 Nov 11:00 UTC, no return required. */
    static String dispute(String id, String order, String reason, String requested, String resolution) {
        return String.join(",", id, order, "2026-11-05T10:00:00Z", "2026-11-09T11:00:00Z", "RECEIVED", reason, requested,
                resolution, "", "false", "");
    }

    static String csvQuoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** The contract's refund_id: RF- and the first 20 hex digits, upper case, of the key's SHA-256. */
    static String refundId(String refundKey) {
        return "RF-" + Drops.sha256(refundKey.getBytes(StandardCharsets.UTF_8)).substring(0, 20).toUpperCase();
    }

    static String[] nightly(Path work, String date) {
        return new String[] {"nightly", "--business-date=" + date, "--inbox=" + work.resolve("inbox"),
                "--outbox=" + work.resolve("outbox"), "--reports=" + work.resolve("reports")};
    }
}
