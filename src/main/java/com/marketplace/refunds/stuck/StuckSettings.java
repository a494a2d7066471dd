package com.marketplace.refunds.stuck;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code refunds.stuck-after-days} (README, Configuration): a refund approved more than this many days
 * before the business date and not REFUNDED is stuck. What it accepts is checked before any command starts
 * (nightly.BatchSettings), so a value that does not fit never reaches here.
 */
@ConfigurationProperties("refunds")
record StuckSettings(@DefaultValue("30") int stuckAfterDays) {
}
