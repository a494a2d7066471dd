package com.marketplace.refunds.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import com.marketplace.refunds.shared.Resolution;

/**
 * The money invariant of contract section 3: whatever the triggers and whatever was refunded
 * before, deciding them in turn (each one reducing the balance by what it approved) never pays out
 * more than the order total, never more than a trigger asked, and never leaves a negative balance.
 */
class RefundRulesProperties {

    private static final Instant BASE = Instant.parse("2026-11-20T00:00:00Z");
    private static final long MAX_TOTAL = 1_000_000_000_000L;

    record Scenario(OrderFacts order, long refundedBefore, List<Trigger> triggers) {
    }

    @Property(tries = 1_000)
    void neverApprovesMoreThanTheOrderTotalOrMoreThanAsked(@ForAll("scenarios") Scenario scenario) {
        // given
        long total = scenario.order().totalMinor();
        long balance = total - scenario.refundedBefore();
        long approvedInRun = 0;
        for (Trigger trigger : scenario.triggers()) {
            // when
            Verdict verdict = RefundRules.decide(trigger, scenario.order(), balance);
            // then
            long approved = verdict.approvedOrZero();
            assertThat(approved).as("approved of %s", verdict).isNotNegative().isLessThanOrEqualTo(balance);
            if (verdict.decision().approved()) {
                assertThat(approved).as("approved of %s", verdict).isPositive()
                        .isLessThanOrEqualTo(verdict.askedMinor())
                        .isEqualTo(Math.min(verdict.askedMinor(), balance));
            }
            else {
                assertThat(verdict.approvedMinor()).as("approved of %s", verdict).isNull();
            }
            balance -= approved;
            approvedInRun += approved;
            assertThat(balance).isNotNegative();
        }
        assertThat(approvedInRun).isLessThanOrEqualTo(total - scenario.refundedBefore());
        assertThat(scenario.refundedBefore() + approvedInRun).isLessThanOrEqualTo(total);
    }

    @Property(tries = 500)
    void theCapCutsOnlyWhenTheBalanceIsShortAndRejectsOnlyWhenItIsGone(@ForAll("scenarios") Scenario scenario) {
        long balance = scenario.order().totalMinor() - scenario.refundedBefore();
        for (Trigger trigger : scenario.triggers()) {
            Verdict verdict = RefundRules.decide(trigger, scenario.order(), balance);

            if (verdict.askedMinor() != null) {
                // the decision reached the cap
                Decision expected = balance == 0 ? Decision.REJECTED
                        : verdict.askedMinor() > balance ? Decision.APPROVED_CAPPED : Decision.APPROVED;
                assertThat(verdict.decision()).as("%s at balance %d", verdict, balance).isEqualTo(expected);
                if (expected == Decision.REJECTED) {
                    assertThat(verdict.reason()).isEqualTo(Reason.ALREADY_FULLY_REFUNDED);
                }
            }
            else {
                assertThat(verdict.decision()).isIn(Decision.REJECTED, Decision.PENDING);
                assertThat(verdict.reason()).isNotEqualTo(Reason.ALREADY_FULLY_REFUNDED);
            }
            balance -= verdict.approvedOrZero();
        }
    }

    @Property(tries = 500)
    void aFraudBlockIsNeverCapped(@ForAll("orders") OrderFacts order, @ForAll("fractions") double refundedShare) {
        // given
        long balance = order.totalMinor() - (long) (order.totalMinor() * refundedShare);
        // when
        Verdict verdict = RefundRules.decide(new Trigger.FraudBlock("S1", "O1", BASE), order, balance);
        // then
        assertThat(verdict.decision()).isNotEqualTo(Decision.APPROVED_CAPPED);
        assertThat(verdict.askedMinor()).isEqualTo(balance);
        assertThat(verdict.approvedOrZero()).isEqualTo(balance);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.of(0.0, 0.25, 0.5, 0.999, 1.0);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return orders().flatMap(order -> Combinators.combine(
                        Arbitraries.longs().between(0, order.totalMinor())
                                .edgeCases(e -> e.includeOnly(0L, order.totalMinor())),
                        trigger(order.totalMinor()).list().ofMaxSize(12))
                .as((refundedBefore, triggers) -> new Scenario(order, refundedBefore, triggers)));
    }

    @Provide
    Arbitrary<OrderFacts> orders() {
        return Combinators.combine(
                        Arbitraries.longs().between(1, MAX_TOTAL),
                        instants().injectNull(0.4),
                        Arbitraries.of(true, false),
                        instants().injectNull(0.4),
                        Arbitraries.of(true, false),
                        instants())
                .as(OrderFacts::new);
    }

    private static Arbitrary<Trigger> trigger(long total) {
        Arbitrary<Long> paying = Arbitraries.longs().between(1, 2 * total)
                .edgeCases(e -> e.includeOnly(1L, total, 2 * total));
        Arbitrary<Trigger> cancellations = Combinators.combine(instants(), instants().injectNull(0.3))
                .as((requested, confirmed) -> new Trigger.Cancellation("C1", "O1", requested, confirmed));
        Arbitrary<Trigger> autoCancellations = instants().map(deadline -> new Trigger.AutoCancellation("O1", deadline));
        Arbitrary<Trigger> fraudBlocks = instants().map(confirmed -> new Trigger.FraudBlock("S1", "O1", confirmed));
        Arbitrary<Trigger> freeReturns = Combinators.combine(instants(), instants().injectNull(0.3))
                .as((requested, received) -> new Trigger.FreeReturn("R1", "O1", requested, received));
        Arbitrary<Trigger> disputes = Combinators.combine(instants(), instants(), Arbitraries.of(Resolution.class),
                        Arbitraries.of(true, false), instants().injectNull(0.3), paying)
                .as((opened, resolved, resolution, returnRequired, returnReceived, amount) ->
                        new Trigger.Dispute("D1", "O1", opened, resolved, resolution, returnRequired, returnReceived,
                                resolution.paysBuyer() ? amount : null));
        return Arbitraries.oneOf(cancellations, autoCancellations, fraudBlocks, freeReturns, disputes);
    }

    private static Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(-40L * 86_400, 40L * 86_400).map(BASE::plusSeconds);
    }
}
