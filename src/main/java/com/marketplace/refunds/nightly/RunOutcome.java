package com.marketplace.refunds.nightly;

/** How a nightly command ended: the exit code and the one line said to the operator. */
public record RunOutcome(ExitCode exitCode, String message) {
}
