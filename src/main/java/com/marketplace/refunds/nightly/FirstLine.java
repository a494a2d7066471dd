package com.marketplace.refunds.nightly;

/** The first line of a message, stripped: what an operator is told of an exception whose message runs on. */
public final class FirstLine {

    private FirstLine() {
    }

    /** The message's first line; empty for no message. */
    public static String of(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
