package com.marketplace.refunds.action;

/** The database, or the check before it, refused a request or a decision: the message says why, for a person. */
public class ActionRefused extends RuntimeException {

    public ActionRefused(String message) {
        super(message);
    }
}
