/**
 * Reconciliation with the processors: their reports read, refunds confirmed or failed, breaks
 * found, the auditor's report; and a simulator of the processors.
 */
package com.marketplace.refunds.reconciliation;
