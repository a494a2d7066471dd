package com.marketplace.refunds.intake.internal;

/** A value of one record breaks the contract: the record is a bad row, with this as its reason. */
class BadValueException extends Exception {

    BadValueException(String reason) {
        super(reason, null, false, false);
    }
}
