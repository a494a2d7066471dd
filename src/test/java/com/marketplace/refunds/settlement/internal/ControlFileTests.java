package com.marketplace.refunds.settlement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.jayway.jsonpath.JsonPath;

import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Written;
import com.marketplace.refunds.shared.PaymentMethod;

/** The control file's exact bytes: one line, the contract's key order, ", " and ": ", a trailing newline. */
class ControlFileTests {

    private static final LocalDate D = LocalDate.parse("2026-11-25");

    @Test
    void writesTheContractsExampleByteForByte() {
        Written written = new Written("card-refunds-20261125-000012.csv", PaymentMethod.CARD, D, 12, 3,
                new TreeMap<>(Map.of("USD", "138.90", "JPY", "4800")),
                "959c540b30bf170599724843ff94a29bbde839a73d1b2802e0df30b64eba602f");

        assertThat(ControlFile.json(written)).isEqualTo("""
                {"file": "card-refunds-20261125-000012.csv", "paymentMethod": "CARD", "businessDate": "2026-11-25", \
                "sequence": 12, "recordCount": 3, "totals": {"JPY": "4800", "USD": "138.90"}, \
                "sha256": "959c540b30bf170599724843ff94a29bbde839a73d1b2802e0df30b64eba602f"}
                """);
    }

    @Test
    void writesAnEmptyFilesTotalsAsAnEmptyObject() {
        Written written = new Written("paypal-refunds-20261123-000001.csv", PaymentMethod.PAYPAL,
                LocalDate.parse("2026-11-23"), 1, 0, new TreeMap<>(),
                "00a1c0e052e36eb130193e8fb7c382bc99a337d6c5badd1f24688e94af9545de");

        assertThat(ControlFile.json(written)).isEqualTo("""
                {"file": "paypal-refunds-20261123-000001.csv", "paymentMethod": "PAYPAL", "businessDate": "2026-11-23", \
                "sequence": 1, "recordCount": 0, "totals": {}, \
                "sha256": "00a1c0e052e36eb130193e8fb7c382bc99a337d6c5badd1f24688e94af9545de"}
                """);
    }

    @Test
    void writesSumsBeyondALongAndSequencesOfManyDigitsAsTheyAre() {
        Written written = new Written("card-refunds-20261125-999999.csv", PaymentMethod.CARD, D, 999_999,
                10_000_000_000L, new TreeMap<>(Map.of("BHD", "19999999999999999.980")), "ab".repeat(32));

        assertThat(ControlFile.json(written)).isEqualTo("""
                {"file": "card-refunds-20261125-999999.csv", "paymentMethod": "CARD", "businessDate": "2026-11-25", \
                "sequence": 999999, "recordCount": 10000000000, "totals": {"BHD": "19999999999999999.980"}, \
                "sha256": "%s"}
                """.formatted("ab".repeat(32)));
    }

    @Test
    void escapesWhatAValueHoldsSoTheFileStaysOneLineOfJson() {
        Written written = new Written("a\"b\\c\nd.csv", PaymentMethod.CARD, D, 1, 0, new TreeMap<>(), "<not hex>");

        String json = ControlFile.json(written);

        assertThat(json).hasLineCount(1).endsWith("}\n");
        assertThat(JsonPath.parse(json).read("$.file", String.class)).isEqualTo("a\"b\\c\nd.csv");
        assertThat(JsonPath.parse(json).read("$.sha256", String.class)).isEqualTo("<not hex>");
    }
}
