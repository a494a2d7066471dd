/**
 * Reading the inbox of a business date: the control file, the five extracts, row validation,
 * rejects files and the merge of a drop into the stored orders. Decides nothing.
 */
package com.marketplace.refunds.intake;
