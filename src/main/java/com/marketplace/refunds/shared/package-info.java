/**
 * Small types every feature uses: money, identifiers, card-number masking, report CSV writing
 * and the parameters of one nightly run.
 */
package com.marketplace.refunds.shared;
