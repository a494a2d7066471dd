package com.marketplace.refunds.settlement.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jayway.jsonpath.JsonPath;
import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Row;
import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Written;
import com.marketplace.refunds.shared.PaymentMethod;

/** The control file's totals are exact, however large the amounts of a hostile drop. */
class SettlementFileWriterTests {

    /** The largest order a drop may carry in BHD: 15 integer digits and 3 decimals, items and shipping. */
    private static final long LARGEST_BHD_ORDER_MINOR = 2 * 999_999_999_999_999_999L;

    @TempDir
    Path folder;

    @Test
    void totalsOfManyRefundsAtTheLargestAllowedAmountAreExactBeyondTheRangeOfALong() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new Row("RF-" + String.format("%020d", i), "O-" + i, "psp_" + i, "BHD", LARGEST_BHD_ORDER_MINOR,
                    "CANCELLATION"));
        }

        Written written = SettlementFileWriter.write(folder, PaymentMethod.CARD, LocalDate.parse("2026-11-25"), 1,
                each -> rows.forEach(each));

        BigInteger exactMinor = BigInteger.valueOf(LARGEST_BHD_ORDER_MINOR).multiply(BigInteger.TEN);
        assertThat(exactMinor).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(written.totals()).containsExactly(entry("BHD", "19999999999999999.980"));
        String control = Files.readString(folder.resolve(written.fileName() + ".ctl.json"));
        assertThat(JsonPath.parse(control).read("$.totals.BHD", String.class)).isEqualTo("19999999999999999.980");
        assertThat(JsonPath.parse(control).read("$.recordCount", Integer.class)).isEqualTo(10);
    }
}
