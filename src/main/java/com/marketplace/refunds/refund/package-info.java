/**
 * The refund domain: triggers and their refund keys, eligibility, the cap, decisions, and refunds
 * with their status history. Knows nothing of files beyond the decisions report.
 */
package com.marketplace.refunds.refund;
