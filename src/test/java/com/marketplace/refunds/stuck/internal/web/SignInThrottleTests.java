package com.marketplace.refunds.stuck.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The pause after too many failed sign-ins, per account and address, on a clock the test turns. */
class SignInThrottleTests {

    private final TurnedClock clock = new TurnedClock();
    private final SignInThrottle throttle = new SignInThrottle(3, Duration.ofMinutes(5), clock);

    @Test
    void pausesAnAccountFromOneAddressAfterTheLastAllowedFailureUntilThePauseHasPassed() {
        fail("support", "10.0.0.9", 3);

        clock.turn(Duration.ofMinutes(4));
        assertThatThrownBy(() -> throttle.begin("support", "10.0.0.9"))
                .isInstanceOfSatisfying(SignInThrottle.Paused.class,
                        paused -> assertThat(paused.retryAfterSeconds()).isEqualTo(60));
        clock.turn(Duration.ofMinutes(1));
        throttle.begin("support", "10.0.0.9").succeeded();
    }

    @Test
    void neverPausesTheSameAccountFromAnotherAddress() {
        fail("support", "10.0.0.9", 3);

        throttle.begin("support", "10.0.0.7").succeeded();
        fail("support", "10.0.0.7", 2);
        throttle.begin("support", "10.0.0.7").succeeded();
    }

    @Test
    void countsEveryNameThatIsNoAccountAsOneSoSprayingNamesIsPausedToo() {
        fail(null, "10.0.0.9", 3);

        assertThatThrownBy(() -> throttle.begin(null, "10.0.0.9")).isInstanceOf(SignInThrottle.Paused.class);
        throttle.begin("support", "10.0.0.9").succeeded();
    }

    @Test
    void aSuccessForgetsTheFailuresBeforeIt() {
        fail("support", "10.0.0.9", 2);
        throttle.begin("support", "10.0.0.9").succeeded();

        fail("support", "10.0.0.9", 2);
        throttle.begin("support", "10.0.0.9").succeeded();
    }

    @Test
    void failuresAPauseApartAreForgotten() {
        fail("support", "10.0.0.9", 2);
        clock.turn(Duration.ofMinutes(5));

        fail("support", "10.0.0.9", 2);
        throttle.begin("support", "10.0.0.9").succeeded();
    }

    @Test
    void attemptsStillBeingCheckedCountSoABurstGetsNoMoreChecksThanTheLimit() {
        List<SignInThrottle.Attempt> running = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            running.add(throttle.begin("support", "10.0.0.9"));
        }

        assertThatThrownBy(() -> throttle.begin("support", "10.0.0.9")).isInstanceOf(SignInThrottle.Paused.class);
        running.get(0).succeeded();
        throttle.begin("support", "10.0.0.9");
    }

    @Test
    void saysOnlyOfTheFirstRefusalOfAPauseThatItIsTheFirst() {
        fail("support", "10.0.0.9", 3);

        List<Boolean> first = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                throttle.begin("support", "10.0.0.9");
            }
            catch (SignInThrottle.Paused paused) {
                first.add(paused.first());
            }
        }

        assertThat(first).containsExactly(true, false, false);
    }

    private void fail(String account, String address, int times) {
        for (int attempt = 0; attempt < times; attempt++) {
            throttle.begin(account, address).failed();
        }
    }

    static final class TurnedClock extends Clock {

        private Instant now = Instant.parse("2027-01-31T09:00:00Z");

        void turn(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
