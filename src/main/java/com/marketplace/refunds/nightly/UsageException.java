package com.marketplace.refunds.nightly;

/** The command line is wrong: the message says what to type instead. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
