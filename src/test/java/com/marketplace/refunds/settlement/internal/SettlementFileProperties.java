package com.marketplace.refunds.settlement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Row;
import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Written;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.shared.PaymentMethod;
import com.opencsv.CSVReader;

import org.springframework.util.FileSystemUtils;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the refunds and their currencies (zero-decimal JPY, three-decimal BHD and KWD among
 * them), the written amounts read back to the same minor units, and the control file's count,
 * totals and SHA-256 are those of the rows actually written.
 */
class SettlementFileProperties {

    @Property(tries = 200)
    void writtenAmountsReadBackExactlyAndTheControlFileAddsUp(@ForAll("refunds") List<Row> refunds) throws Exception {
        Path folder = Files.createTempDirectory("settlement-property");
        try {
            List<Row> inFileOrder = refunds.stream().sorted(Comparator.comparing(Row::refundId)).toList();

            Written written = SettlementFileWriter.write(folder, PaymentMethod.CARD, LocalDate.parse("2026-11-25"), 7,
                    each -> inFileOrder.forEach(each));

            byte[] bytes = Files.readAllBytes(folder.resolve(written.fileName()));
            List<String[]> rows;
            try (CSVReader csv = new CSVReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
                rows = csv.readAll().subList(1, inFileOrder.size() + 1);
            }
            Map<String, Long> sums = new TreeMap<>();
            for (int i = 0; i < rows.size(); i++) {
                String[] row = rows.get(i);
                Row sent = inFileOrder.get(i);
                assertThat(row[0]).isEqualTo(sent.refundId());
                assertThat(Money.parse(row[4], Currency.getInstance(row[3])).minor()).isEqualTo(sent.amountMinor());
                sums.merge(row[3], sent.amountMinor(), Math::addExact);
            }
            DocumentContext control =
                    JsonPath.parse(Files.readString(folder.resolve(written.fileName() + ".ctl.json")));
            Map<String, String> totals = control.read("$.totals", Map.class);
            assertThat(control.read("$.recordCount", Integer.class)).isEqualTo(refunds.size());
            assertThat(totals.keySet()).isEqualTo(sums.keySet());
            sums.forEach((currency, minor) -> assertThat(Money.parse(totals.get(currency),
                    Currency.getInstance(currency)).minor()).as(currency).isEqualTo(minor));
            assertThat(control.read("$.sha256", String.class))
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            assertThat(folder.toFile().list()).as("only the file and its control file")
                    .containsExactlyInAnyOrder(written.fileName(), written.fileName() + ".ctl.json");
        }
        finally {
            FileSystemUtils.deleteRecursively(folder);
        }
    }

    @Provide
    Arbitrary<List<Row>> refunds() {
        Arbitrary<Row> row = Combinators.combine(
                Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(20),
                Arbitraries.of("USD", "EUR", "JPY", "BHD", "KWD", "GBP"),
                Arbitraries.longs().between(1, 999_999_999_999L),
                Arbitraries.of("CANCELLATION", "AUTO_CANCELLATION", "FRAUD_BLOCK", "FREE_RETURN", "DISPUTE"))
                .as((hex, currency, minor, reason) -> new Row("RF-" + hex, "O-" + hex.substring(0, 6), "psp_" + hex,
                        currency, minor, reason));
        return row.list().ofMaxSize(40).uniqueElements(Row::refundId);
    }

}
