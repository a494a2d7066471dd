/**
 * The nightly job that strings the features' steps together, one run at a time and in date order,
 * and the command line with its exit codes.
 */
package com.marketplace.refunds.nightly;
