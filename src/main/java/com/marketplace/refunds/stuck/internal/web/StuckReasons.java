package com.marketplace.refunds.stuck.internal.web;

import java.util.Map;

/** What each reason means for the buyer, as support tells it (the README's table says the same). */
final class StuckReasons {

    static final Map<String, String> FOR_THE_BUYER = Map.of(
            "NEVER_SENT", "Approved but never sent to the processor: the buyer has not been paid. Finance must find "
                    + "out why the refund was not in a settlement file.",
            "NO_CONFIRMATION", "Sent to the processor, never confirmed: the money may be on its way or lost. The "
                    + "processor must be asked.",
            "HELD", "Held for review before it was sent (an unusual night): the buyer has not been paid. Finance "
                    + "releases it or cancels it.",
            "FAILED", "The processor or the bank sent the refund back (a closed card, for example): the buyer has "
                    + "not been paid and must be asked for other payment details; then request a reissue (or mark it "
                    + "paid outside once paid another way).");

    private StuckReasons() {
    }
}
