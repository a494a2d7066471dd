package com.marketplace.refunds.settlement.internal;

import java.util.StringJoiner;

import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Written;

/**
 * The control file beside a settlement file, in the contract's key order. Every value is a file
 * name, a code, a date, a number or a hex digest, so no escaping is ever needed.
 */
final class ControlFile {

    private ControlFile() {
    }

    static String json(Written written) {
        StringJoiner totals = new StringJoiner(", ", "{", "}");
        written.totals().forEach((currency, amount) -> totals.add(quoted(currency) + ": " + quoted(amount)));
        return "{\"file\": " + quoted(written.fileName())
                + ", \"paymentMethod\": " + quoted(written.method().name())
                + ", \"businessDate\": " + quoted(written.businessDate().toString())
                + ", \"sequence\": " + written.sequence()
                + ", \"recordCount\": " + written.recordCount()
                + ", \"totals\": " + totals
                + ", \"sha256\": " + quoted(written.sha256()) + "}\n";
    }

    private static String quoted(String value) {
        if (!value.matches("[A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("not a control-file value: " + value);
        }
        return "\"" + value + "\"";
    }
}
