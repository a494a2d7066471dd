/**
 * The nightly job that strings the features' steps together, one run at a time and in date order,
 * with its exit codes, preview, run lock and run summary. The command line that starts it is in
 * {@code cli}.
 */
package com.marketplace.refunds.nightly;
