package com.marketplace.refunds.stuck;

import com.marketplace.refunds.shared.ExplainedFailure;

/** The support site will not start as configured; the message says what to set. */
public class SupportSiteMisconfigured extends ExplainedFailure {

    public SupportSiteMisconfigured(String message) {
        super(message);
    }
}
