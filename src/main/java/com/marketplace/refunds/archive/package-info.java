/**
 * The archive: orders that can no longer change move, with their refunds, out of the hot tables every
 * night writes and probes ({@link Archiver}, run by the {@code archive} command), and come back the
 * moment a night names them ({@link HotRows}), so every rule and money guard runs on the hot tables
 * as before. Knows only the shared types.
 */
package com.marketplace.refunds.archive;
