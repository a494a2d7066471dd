package com.marketplace.refunds;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.marketplace.refunds.nightly.Cli;

/** The command line of refund-settlement: {@code nightly}, {@code generate}, and the commands to come. */
@SpringBootApplication
public class RefundSettlementApplication {

    public static void main(String[] args) {
        System.exit(new Cli(RefundSettlementApplication.class).run(args));
    }
}
