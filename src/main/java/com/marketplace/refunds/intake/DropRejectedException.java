package com.marketplace.refunds.intake;

import com.marketplace.refunds.shared.ExplainedFailure;

/**
 * The drop cannot be used as delivered: its message names the file and the problem, for the
 * operator, and the run can be repeated once the drop is fixed.
 */
public class DropRejectedException extends ExplainedFailure {

    public DropRejectedException(String message) {
        super(message);
    }

    public DropRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
