package com.marketplace.refunds.archive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code refunds.archive.*} (README, Configuration): how many days past everything that could change an
 * order it stays hot. What it accepts is checked before any command starts (nightly.BatchSettings), so a
 * value that does not fit never reaches here.
 */
@ConfigurationProperties("refunds.archive")
record ArchiveSettings(@DefaultValue("90") int afterDays) {
}
