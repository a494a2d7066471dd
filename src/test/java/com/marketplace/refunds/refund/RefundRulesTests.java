package com.marketplace.refunds.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.marketplace.refunds.shared.Resolution;

/** The rules of contract section 3, one trigger at a time: checks in their order, then the cap. */
class RefundRulesTests {

    static final long TOTAL = 5_000;
    static final Instant PAID = Instant.parse("2026-11-10T09:00:00Z");
    static final Instant REQUESTED = Instant.parse("2026-11-20T12:00:00Z");
    static final Instant DELIVERED = Instant.parse("2026-11-05T08:30:00Z");
    static final Instant LAST_RETURN_DAY = DELIVERED.plus(Duration.ofHours(360));
    static final Instant PROTECTION_ENDS = Instant.parse("2026-12-31T23:59:59Z");
    static final Instant RESOLVED = Instant.parse("2026-11-24T16:00:00Z");
    static final Duration ONE_SECOND = Duration.ofSeconds(1);

    // ---- orders ------------------------------------------------------------------------------

    /** Not shipped, not delivered, no Free Return. */
    static OrderFacts order() {
        return new OrderFacts(TOTAL, null, false, null, false, PROTECTION_ENDS);
    }

    static OrderFacts shipped(Instant shippedAt) {
        return new OrderFacts(TOTAL, shippedAt, true, null, false, PROTECTION_ENDS);
    }

    static OrderFacts freeReturnOrder(Instant deliveredAt) {
        return new OrderFacts(TOTAL, PAID, true, deliveredAt, true, PROTECTION_ENDS);
    }

    static OrderFacts deliveredWithoutFreeReturn() {
        return new OrderFacts(TOTAL, PAID, true, DELIVERED, false, PROTECTION_ENDS);
    }

    // ---- triggers ----------------------------------------------------------------------------

    static Trigger.Cancellation cancellation(Instant requestedAt, Instant confirmedAt) {
        return new Trigger.Cancellation("C1", "O1", requestedAt, confirmedAt);
    }

    static Trigger.Cancellation confirmedCancellation() {
        return cancellation(REQUESTED, REQUESTED.plus(Duration.ofHours(2)));
    }

    static Trigger.FreeReturn freeReturn(Instant requestedAt, Instant receivedAt) {
        return new Trigger.FreeReturn("R1", "O1", requestedAt, receivedAt);
    }

    static Trigger.FreeReturn receivedReturn(Instant requestedAt) {
        return freeReturn(requestedAt, requestedAt.plus(Duration.ofDays(3)));
    }

    static Trigger.Dispute dispute(Instant openedAt, Resolution resolution, Long payingMinor) {
        return new Trigger.Dispute("D1", "O1", openedAt, RESOLVED, resolution, false, null, payingMinor);
    }

    static Trigger.Dispute disputeWithReturn(Resolution resolution, Instant returnReceivedAt, Long payingMinor) {
        return new Trigger.Dispute("D1", "O1", REQUESTED, RESOLVED, resolution, true, returnReceivedAt, payingMinor);
    }

    static Trigger.AutoCancellation autoCancellation() {
        return new Trigger.AutoCancellation("O1", REQUESTED);
    }

    static Trigger.FraudBlock fraudBlock() {
        return new Trigger.FraudBlock("S1", "O1", REQUESTED);
    }

    // ---- verdicts ----------------------------------------------------------------------------

    static Verdict approved(long amount) {
        return new Verdict(Decision.APPROVED, null, amount, amount);
    }

    static Verdict capped(long asked, long approved) {
        return new Verdict(Decision.APPROVED_CAPPED, Reason.CAPPED_TO_BALANCE, asked, approved);
    }

    static Verdict fullyRefunded(long asked) {
        return new Verdict(Decision.REJECTED, Reason.ALREADY_FULLY_REFUNDED, asked, null);
    }

    static Verdict rejected(Reason reason) {
        return new Verdict(Decision.REJECTED, reason, null, null);
    }

    static Verdict pending(Reason reason) {
        return new Verdict(Decision.PENDING, reason, null, null);
    }

    // ---- unknown order -------------------------------------------------------------------------

    static Stream<Arguments> everyTriggerKind() {
        return Stream.of(
                arguments(confirmedCancellation()),
                arguments(autoCancellation()),
                arguments(fraudBlock()),
                arguments(receivedReturn(REQUESTED)),
                arguments(dispute(REQUESTED, Resolution.SELLER_ACCEPTED, 1_200L)));
    }

    @ParameterizedTest
    @MethodSource("everyTriggerKind")
    void rejectsEveryTriggerKindForAnUnknownOrder(Trigger trigger) {
        // given no order, a full balance
        // when
        Verdict verdict = RefundRules.decide(trigger, null, TOTAL);
        // then
        assertThat(verdict).isEqualTo(rejected(Reason.UNKNOWN_ORDER));
    }

    @Test
    void unknownOrderComesBeforeEveryOtherCheck() {
        // given a cancellation that would also be unconfirmed, and nothing left to refund
        Trigger trigger = cancellation(REQUESTED, null);
        // when
        Verdict verdict = RefundRules.decide(trigger, null, 0);
        // then
        assertThat(verdict).isEqualTo(rejected(Reason.UNKNOWN_ORDER));
    }

    // ---- the trigger's own checks, in the contract's order -----------------------------------

    static Stream<Arguments> rules() {
        return Stream.of(
                // cancellation
                arguments("cancellation of an order shipped an hour before the request",
                        confirmedCancellation(), shipped(REQUESTED.minus(Duration.ofHours(1))),
                        rejected(Reason.SHIPPED_BEFORE_CANCELLATION)),
                arguments("cancellation of an order shipped at the very second of the request",
                        confirmedCancellation(), shipped(REQUESTED), rejected(Reason.SHIPPED_BEFORE_CANCELLATION)),
                arguments("cancellation of an order shipped one second after the request",
                        confirmedCancellation(), shipped(REQUESTED.plus(ONE_SECOND)), approved(TOTAL)),
                arguments("cancellation of an order with shipped_at before the request but no tracking number",
                        confirmedCancellation(),
                        new OrderFacts(TOTAL, REQUESTED.minus(Duration.ofDays(1)), false, null, false, PROTECTION_ENDS),
                        approved(TOTAL)),
                arguments("cancellation of an order with a tracking number but no shipped_at",
                        confirmedCancellation(), new OrderFacts(TOTAL, null, true, null, false, PROTECTION_ENDS),
                        approved(TOTAL)),
                arguments("confirmed cancellation of an unshipped order", confirmedCancellation(), order(),
                        approved(TOTAL)),
                arguments("unconfirmed cancellation of an unshipped order", cancellation(REQUESTED, null), order(),
                        pending(Reason.AWAITING_SELLER_CONFIRMATION)),
                arguments("unconfirmed cancellation of an order shipped before the request",
                        cancellation(REQUESTED, null), shipped(REQUESTED.minus(Duration.ofHours(1))),
                        rejected(Reason.SHIPPED_BEFORE_CANCELLATION)),

                // free return
                arguments("return on an order that is not a Free Return", receivedReturn(REQUESTED),
                        deliveredWithoutFreeReturn(), rejected(Reason.NOT_FREE_RETURN)),
                arguments("return on an order neither Free Return nor delivered", freeReturn(REQUESTED, null), order(),
                        rejected(Reason.NOT_FREE_RETURN)),
                arguments("return on an undelivered Free Return order", receivedReturn(REQUESTED),
                        freeReturnOrder(null), rejected(Reason.NOT_DELIVERED)),
                arguments("unreceived return on an undelivered Free Return order", freeReturn(REQUESTED, null),
                        freeReturnOrder(null), rejected(Reason.NOT_DELIVERED)),
                arguments("return requested exactly 15x24 hours after delivery", receivedReturn(LAST_RETURN_DAY),
                        freeReturnOrder(DELIVERED), approved(TOTAL)),
                arguments("return requested 15x24 hours and one second after delivery",
                        receivedReturn(LAST_RETURN_DAY.plus(ONE_SECOND)), freeReturnOrder(DELIVERED),
                        rejected(Reason.RETURN_WINDOW_EXPIRED)),
                arguments("unreceived return requested after the window",
                        freeReturn(LAST_RETURN_DAY.plus(ONE_SECOND), null), freeReturnOrder(DELIVERED),
                        rejected(Reason.RETURN_WINDOW_EXPIRED)),
                arguments("return requested in the window, not received yet", freeReturn(LAST_RETURN_DAY, null),
                        freeReturnOrder(DELIVERED), pending(Reason.AWAITING_RETURN)),
                arguments("return requested in the window and received weeks after it",
                        freeReturn(DELIVERED.plus(Duration.ofDays(2)), LAST_RETURN_DAY.plus(Duration.ofDays(30))),
                        freeReturnOrder(DELIVERED), approved(TOTAL)),

                // dispute
                arguments("dispute opened at the very second protection expires",
                        dispute(PROTECTION_ENDS, Resolution.SELLER_ACCEPTED, 1_200L), order(), approved(1_200)),
                arguments("dispute opened one second after protection expired",
                        dispute(PROTECTION_ENDS.plus(ONE_SECOND), Resolution.SELLER_ACCEPTED, 1_200L), order(),
                        rejected(Reason.PROTECTION_EXPIRED)),
                arguments("dispute after protection with a resolution that pays nothing",
                        dispute(PROTECTION_ENDS.plus(ONE_SECOND), Resolution.PLATFORM_SELLER, null), order(),
                        rejected(Reason.PROTECTION_EXPIRED)),
                arguments("dispute resolved PLATFORM_SELLER", dispute(REQUESTED, Resolution.PLATFORM_SELLER, null),
                        order(), rejected(Reason.NO_REFUND_RESOLUTION)),
                arguments("dispute resolved REPLACEMENT", dispute(REQUESTED, Resolution.REPLACEMENT, null), order(),
                        rejected(Reason.NO_REFUND_RESOLUTION)),
                arguments("dispute resolved INSUFFICIENT_EVIDENCE",
                        dispute(REQUESTED, Resolution.INSUFFICIENT_EVIDENCE, null), order(),
                        rejected(Reason.NO_REFUND_RESOLUTION)),
                arguments("non-paying dispute still waiting for its return",
                        disputeWithReturn(Resolution.REPLACEMENT, null, null), order(),
                        rejected(Reason.NO_REFUND_RESOLUTION)),
                arguments("paying dispute waiting for its required return",
                        disputeWithReturn(Resolution.PLATFORM_BUYER, null, 900L), order(),
                        pending(Reason.AWAITING_RETURN)),
                arguments("paying dispute whose required return was received",
                        disputeWithReturn(Resolution.PLATFORM_BUYER, RESOLVED.minus(Duration.ofDays(1)), 900L),
                        order(), approved(900)),
                arguments("paying dispute with no return required and none received",
                        dispute(REQUESTED, Resolution.COUNTEROFFER_ACCEPTED, 700L), order(), approved(700)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void decidesByTheFirstMatchingCheck(String situation, Trigger trigger, OrderFacts order, Verdict expected) {
        // given a full balance
        // when
        Verdict verdict = RefundRules.decide(trigger, order, TOTAL);
        // then
        assertThat(verdict).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(value = Resolution.class, names = {"SELLER_ACCEPTED", "SELLER_NO_RESPONSE", "COUNTEROFFER_ACCEPTED",
            "PLATFORM_BUYER"})
    void paysTheAmountOfEachPayingResolution(Resolution resolution) {
        // given the amount the resolution pays (requested or awarded, picked when the row was loaded)
        Trigger trigger = dispute(REQUESTED, resolution, 1_234L);
        // when
        Verdict verdict = RefundRules.decide(trigger, order(), TOTAL);
        // then
        assertThat(verdict).isEqualTo(approved(1_234));
    }

    @ParameterizedTest
    @EnumSource(value = Resolution.class, names = {"PLATFORM_SELLER", "REPLACEMENT", "INSUFFICIENT_EVIDENCE"})
    void rejectsEveryNonPayingResolutionEvenWithAnAmount(Resolution resolution) {
        // given a non-paying resolution that still carries an amount
        Trigger trigger = dispute(REQUESTED, resolution, 1_234L);
        // when
        Verdict verdict = RefundRules.decide(trigger, order(), TOTAL);
        // then
        assertThat(verdict).isEqualTo(rejected(Reason.NO_REFUND_RESOLUTION));
    }

    @Test
    void resolutionsThatPayTheBuyerAreExactlyTheFourOfTheContract() {
        assertThat(Stream.of(Resolution.values()).filter(Resolution::paysBuyer))
                .containsExactlyInAnyOrder(Resolution.SELLER_ACCEPTED, Resolution.SELLER_NO_RESPONSE,
                        Resolution.COUNTEROFFER_ACCEPTED, Resolution.PLATFORM_BUYER);
    }

    // ---- the cap -----------------------------------------------------------------------------

    static Stream<Arguments> cap() {
        return Stream.of(
                arguments("cancellation with the whole total left", confirmedCancellation(), TOTAL, approved(TOTAL)),
                arguments("cancellation with one minor unit less than the total left", confirmedCancellation(),
                        TOTAL - 1, capped(TOTAL, TOTAL - 1)),
                arguments("cancellation after a partial refund", confirmedCancellation(), 1_800L, capped(TOTAL, 1_800)),
                arguments("cancellation with nothing left", confirmedCancellation(), 0L, fullyRefunded(TOTAL)),
                arguments("auto-cancellation asks the order total", autoCancellation(), TOTAL, approved(TOTAL)),
                arguments("auto-cancellation after a partial refund", autoCancellation(), 2_000L,
                        capped(TOTAL, 2_000)),
                arguments("auto-cancellation with nothing left", autoCancellation(), 0L, fullyRefunded(TOTAL)),
                arguments("fraud block asks the whole balance", fraudBlock(), TOTAL, approved(TOTAL)),
                arguments("fraud block after a partial refund asks what is left", fraudBlock(), 3_000L,
                        approved(3_000)),
                arguments("fraud block with nothing left", fraudBlock(), 0L, fullyRefunded(0)),
                arguments("Free Return after a partial refund", receivedReturn(LAST_RETURN_DAY), 450L,
                        capped(TOTAL, 450)),
                arguments("dispute paying less than the balance",
                        dispute(REQUESTED, Resolution.SELLER_NO_RESPONSE, 1_000L), 1_000L, approved(1_000)),
                arguments("dispute paying one minor unit more than the balance",
                        dispute(REQUESTED, Resolution.SELLER_NO_RESPONSE, 1_001L), 1_000L, capped(1_001, 1_000)),
                arguments("dispute paying more than the order total",
                        dispute(REQUESTED, Resolution.PLATFORM_BUYER, 9_999L), TOTAL, capped(9_999, TOTAL)),
                arguments("dispute with nothing left", dispute(REQUESTED, Resolution.PLATFORM_BUYER, 300L), 0L,
                        fullyRefunded(300)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cap")
    void capsTheAmountAskedAtTheRefundableBalance(String situation, Trigger trigger, long balance, Verdict expected) {
        // given an order the trigger may refund
        OrderFacts order = trigger instanceof Trigger.FreeReturn ? freeReturnOrder(DELIVERED) : order();
        // when
        Verdict verdict = RefundRules.decide(trigger, order, balance);
        // then
        assertThat(verdict).isEqualTo(expected);
    }

    @Test
    void capsSecondRefundAtRemainingBalance() {
        // given a dispute already paid 3,500 of the 5,000 total
        Verdict first = RefundRules.decide(dispute(REQUESTED, Resolution.SELLER_ACCEPTED, 3_500L), order(), TOTAL);
        // when the order is then cancelled
        Verdict second = RefundRules.decide(confirmedCancellation(), order(), TOTAL - first.approvedOrZero());
        // then
        assertThat(first).isEqualTo(approved(3_500));
        assertThat(second).isEqualTo(capped(TOTAL, 1_500));
    }

    static Stream<Arguments> checksBeforeTheCap() {
        return Stream.of(
                arguments("shipped before cancellation", confirmedCancellation(),
                        shipped(REQUESTED.minus(ONE_SECOND)), rejected(Reason.SHIPPED_BEFORE_CANCELLATION)),
                arguments("unconfirmed cancellation", cancellation(REQUESTED, null), order(),
                        pending(Reason.AWAITING_SELLER_CONFIRMATION)),
                arguments("not a Free Return", receivedReturn(REQUESTED), deliveredWithoutFreeReturn(),
                        rejected(Reason.NOT_FREE_RETURN)),
                arguments("Free Return not received", freeReturn(LAST_RETURN_DAY, null), freeReturnOrder(DELIVERED),
                        pending(Reason.AWAITING_RETURN)),
                arguments("non-paying dispute", dispute(REQUESTED, Resolution.REPLACEMENT, null), order(),
                        rejected(Reason.NO_REFUND_RESOLUTION)),
                arguments("dispute after protection",
                        dispute(PROTECTION_ENDS.plus(ONE_SECOND), Resolution.SELLER_ACCEPTED, 100L), order(),
                        rejected(Reason.PROTECTION_EXPIRED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checksBeforeTheCap")
    void rejectionsAndWaitsComeBeforeTheCap(String situation, Trigger trigger, OrderFacts order, Verdict expected) {
        // given nothing left to refund
        // when
        Verdict verdict = RefundRules.decide(trigger, order, 0);
        // then the trigger's own reason wins over ALREADY_FULLY_REFUNDED, and no amount is given
        assertThat(verdict).isEqualTo(expected);
    }

    // ---- keys, types and event times ---------------------------------------------------------

    static Stream<Arguments> identities() {
        Instant received = REQUESTED.plus(Duration.ofDays(4));
        return Stream.of(
                arguments(new Trigger.Cancellation("C-17", "O-3", REQUESTED, null), TriggerType.CANCELLATION,
                        "CANCEL:C-17", REQUESTED),
                arguments(new Trigger.AutoCancellation("O-3", PAID), TriggerType.AUTO_CANCELLATION,
                        "AUTOCANCEL:O-3", PAID),
                arguments(new Trigger.FraudBlock("S.9", "O-3", RESOLVED), TriggerType.FRAUD_BLOCK,
                        "FRAUD:S.9:O-3", RESOLVED),
                arguments(new Trigger.FreeReturn("R_5", "O-3", REQUESTED, received), TriggerType.FREE_RETURN,
                        "RETURN:R_5", received),
                arguments(new Trigger.FreeReturn("R_6", "O-3", REQUESTED, null), TriggerType.FREE_RETURN,
                        "RETURN:R_6", REQUESTED),
                arguments(new Trigger.Dispute("D9", "O-3", REQUESTED, RESOLVED, Resolution.PLATFORM_BUYER, false,
                        null, 10L), TriggerType.DISPUTE, "DISPUTE:D9", RESOLVED));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("identities")
    void namesEachTriggerByItsRefundKeyAndEventTime(Trigger trigger, TriggerType type, String refundKey,
                                                    Instant eventTime) {
        assertThat(trigger.type()).isEqualTo(type);
        assertThat(trigger.refundKey()).isEqualTo(refundKey);
        assertThat(trigger.eventTime()).isEqualTo(eventTime);
        assertThat(trigger.orderId()).isEqualTo("O-3");
    }
}
