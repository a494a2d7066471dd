/**
 * Demo and benchmark tools, never part of a nightly run: {@code drop} generates a complete inbox drop
 * for a business date, {@code processor} plays the card processor and PayPal, writing their reports on
 * the settlement files a run sent. They may use the features; no feature uses them.
 */
package com.marketplace.refunds.simulate;
