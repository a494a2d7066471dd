package com.marketplace.refunds.stuck.internal.web;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import com.marketplace.refunds.stuck.StuckReason;

/** What each reason means for the buyer, by the reason's name, for the templates. */
final class StuckReasons {

    static final Map<String, String> FOR_THE_BUYER = Arrays.stream(StuckReason.values())
            .collect(Collectors.toUnmodifiableMap(StuckReason::name, StuckReason::forTheBuyer));

    private StuckReasons() {
    }
}
