package com.marketplace.refunds.shared;

/**
 * A failure whose message tells the operator what went wrong and what to do, naming the file and
 * the line where there is one: shown as the run's one line, without a stack trace.
 */
public class ExplainedFailure extends RuntimeException {

    public ExplainedFailure(String message) {
        super(message);
    }

    public ExplainedFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
