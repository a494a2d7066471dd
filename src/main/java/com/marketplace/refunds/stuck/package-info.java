/**
 * Stuck refunds for support: refunds approved long ago that are still not REFUNDED, flagged each
 * night with why, and listed on the command line for the buyers who ask where their money is.
 */
package com.marketplace.refunds.stuck;
