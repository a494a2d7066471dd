/**
 * Stuck refunds for support: refunds approved long ago that are still not REFUNDED, flagged each
 * night with why, listed on the command line and on the support site ({@code serve}, a read-only web
 * application of its own) for the buyers who ask where their money is.
 */
package com.marketplace.refunds.stuck;
