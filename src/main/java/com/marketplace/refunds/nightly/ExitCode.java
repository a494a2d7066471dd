package com.marketplace.refunds.nightly;

/** The exit codes of the contract, section 6. */
public enum ExitCode {
    /** The run completed, or the date had already completed. */
    COMPLETED(0),
    /** The run failed; the same command can be run again. */
    FAILED(1),
    /** Wrong usage or configuration, or a date out of order. */
    USAGE(2),
    /** Another run is in progress; nothing was changed. */
    BUSY(3),
    /** The run completed, but held refunds for review (docs/hold.md): neither success nor failure. */
    HELD(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
