package com.marketplace.refunds.reconciliation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code refunds.missing-confirmation-after-days} (README, Configuration): a refund sent more than this
 * many days before the business date and never confirmed is a MISSING_CONFIRMATION break. What it accepts
 * is checked before any command starts (nightly.BatchSettings), so a value that does not fit never reaches here.
 */
@ConfigurationProperties("refunds")
record ReconciliationSettings(@DefaultValue("20") int missingConfirmationAfterDays) {
}
