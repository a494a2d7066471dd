/**
 * Generates a complete, valid inbox drop for a business date: orders, the events that trigger refunds,
 * planted bad rows and the control file, deterministically for a seed. Test and demo data only.
 */
package com.marketplace.refunds.simulate.drop;
