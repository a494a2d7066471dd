package com.marketplace.refunds.action;

/** An action request's status, in the order it can go through them (docs/actions.md). */
public enum RequestStatus {
    REQUESTED, APPROVED, REJECTED, APPLIED, STALE, EXPIRED;

    /** The status as an SQL literal, {@code 'APPLIED'}, for the text-block SQL. */
    public String sql() {
        return "'" + name() + "'";
    }

    /** Decided by a second person, for or against. */
    public boolean decided() {
        return this == APPROVED || this == REJECTED;
    }
}
