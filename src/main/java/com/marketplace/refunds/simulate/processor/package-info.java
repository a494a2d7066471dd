/**
 * A simulator of the processors: reads the settlement files sent on a date and writes the card
 * settlement detail report and the PayPal STL report a processor would send back, with a seeded share
 * of reversals, unknown references, duplicates and amounts off by one. Test and demo data only.
 */
package com.marketplace.refunds.simulate.processor;
