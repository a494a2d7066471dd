package com.marketplace.refunds.nightly;

/** A setting whose value does not fit: which one, and what it accepts (never the value: it could be a secret). */
final class InvalidSetting extends RuntimeException {

    private final String property;
    private final String expectation;

    InvalidSetting(String property, String expectation) {
        super(property + " must be " + expectation);
        this.property = property;
        this.expectation = expectation;
    }

    String property() {
        return property;
    }

    String expectation() {
        return expectation;
    }
}
