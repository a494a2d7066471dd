package com.marketplace.refunds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.marketplace.refunds.RefundSettlementApplication;
import com.marketplace.refunds.stuck.SupportSiteFixture;

/** {@code stuck} on the command line: the table with its totals, and the CSV, as of a date and filtered. */
class StuckCommandTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli = new Cli(RefundSettlementApplication.class, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @BeforeAll
    static void database() {
        System.setProperty("spring.datasource.url", SupportSiteFixture.create(StuckCommandTests.class.getSimpleName()));
    }

    @AfterAll
    static void noDatabase() {
        System.clearProperty("spring.datasource.url");
    }

    @Test
    void printsTheStuckCardRefundsOldestFirstWithTotalsPerCurrency() {
        int code = cli.run("stuck", "--business-date=2027-01-31", "--payment-method=CARD");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                refund_id  order_id  store_id  buyer_id  method  currency  amount  status             approved_on  age  reason           flagged_on  other_refunds_of_the_order
                RF-1C      O-1       S-ACME    B-1       CARD    USD         5.00  WAITING_REFUND     2026-12-17    45  NEVER_SENT       2027-01-30  RF-1D REFUNDED 7.00 USD; RF-1B REFUND_PROCESSING 12.30 USD; RF-1A REFUND_PROCESSING 10.00 USD
                RF-3A      O-3       S-SHADY   B-3       CARD    JPY         1500  WAITING_REFUND     2026-12-22    40  NEVER_SENT       2027-01-30  RF-3B REFUND_PROCESSING 250 JPY
                RF-3B      O-3       S-SHADY   B-3       CARD    JPY          250  REFUND_PROCESSING  2026-12-30    32  NO_CONFIRMATION  2027-01-30  RF-3A WAITING_REFUND 1500 JPY
                RF-1B      O-1       S-ACME    B-1       CARD    USD        12.30  REFUND_PROCESSING  2026-12-31    31  NO_CONFIRMATION  2027-01-31  RF-1D REFUNDED 7.00 USD; RF-1C WAITING_REFUND 5.00 USD; RF-1A REFUND_PROCESSING 10.00 USD
                4 stuck refunds as of 2027-01-31; totals [1750 JPY, 17.30 USD]
                """);
    }

    @Test
    void writesTheSameLayoutAsStuckRefundsCsvOnRequest() {
        int code = cli.run("stuck", "--business-date=2027-01-31", "--store=S-SHADY", "--min-age-days=40", "--format=csv");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                refund_id,refund_key,order_id,store_id,buyer_id,payment_method,currency,amount,status,approved_on,age_days,reason,first_flagged_on
                RF-4A,CANCEL:RF-4A,O-4,S-SHADY,B-4,PAYPAL,USD,99.99,FAILED,2026-11-22,70,FAILED,2027-01-30
                RF-3A,CANCEL:RF-3A,O-3,S-SHADY,B-3,CARD,JPY,1500,WAITING_REFUND,2026-12-22,40,NEVER_SENT,2027-01-30
                """);
    }

    @Test
    void saysTheListIsAProjectionForADateAfterTheLastCompletedRun() {
        int code = cli.run("stuck", "--business-date=2027-02-05", "--order=O-3");

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("note: no nightly run has completed for 2027-02-05 yet"
                + " (the last completed is 2027-01-31), so this is a projection: the refunds as the run for 2027-01-31"
                + " left them, aged as of 2027-02-05; a refund not flagged yet shows 2027-02-05 as flagged_on.\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith(
                "2 stuck refunds as of 2027-02-05 (a projection: no run has completed for that date); totals [1750 JPY]\n");
    }

    @Test
    void saysNothingMoreForTheDateOfTheLastCompletedRun() {
        int code = cli.run("stuck", "--business-date=2027-01-31", "--order=O-3", "--format=csv");

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
