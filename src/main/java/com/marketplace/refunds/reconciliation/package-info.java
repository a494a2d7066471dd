/**
 * Reconciliation with the processors: their reports read, refunds confirmed or failed, breaks
 * found, the auditor's report.
 */
package com.marketplace.refunds.reconciliation;
