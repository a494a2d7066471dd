package com.marketplace.refunds.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code refunds.bad-rows.*} (README, Configuration): a file fails the run when it has more than
 * {@code max-percent} of bad rows and more than {@code max-count} of them. What each accepts is checked
 * before any command starts (nightly.BatchSettings), so a value that does not fit never reaches here.
 */
@ConfigurationProperties("refunds.bad-rows")
record IntakeSettings(@DefaultValue("5") int maxPercent, @DefaultValue("10") int maxCount) {
}
