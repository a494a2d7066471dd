package com.marketplace.refunds.refund;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The refund steps' settings (README, Configuration), with their defaults. What each accepts is checked
 * before any command starts (nightly.BatchSettings), so a value that does not fit never reaches here.
 */
@ConfigurationProperties("refunds")
record RefundSettings(@DefaultValue Hold hold) {

    /**
     * {@code refunds.hold.*} (docs/hold.md): a night is held when it approves more than {@code factor} times
     * the median of the earlier runs, with at least {@code min-refunds}; {@code enabled=false} holds nothing.
     */
    record Hold(@DefaultValue("true") boolean enabled, @DefaultValue("3") BigDecimal factor,
                @DefaultValue("50") int minRefunds) {
    }
}
