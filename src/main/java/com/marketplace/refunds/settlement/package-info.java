/**
 * Settlement files: every WAITING_REFUND refund sent to its processor exactly once, one file per
 * payment method per business date, with its control file, numbered by a gapless sequence, into an
 * outbox that belongs to this database and never over a file published before.
 */
package com.marketplace.refunds.settlement;
