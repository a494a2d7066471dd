package com.marketplace.refunds.stuck.internal.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.core.AuthenticationException;

/**
 * Failed sign-ins counted per account and address: after {@code maxFailures} of them that pair is
 * paused, and an attempt while paused is refused before any password check, so hammering costs the
 * site no bcrypt. Only that pair: the same account from another address signs in as usual, so an
 * attacker cannot lock support out from their own desk. Attempts still being checked count as
 * failures until they end, so a burst of parallel attempts never gets more checks than the limit.
 * Failures are forgotten once a pause has passed since the last one (so a pair gets at most
 * {@code maxFailures} checks per pause); at most {@link #PAIRS} pairs are kept, the least recent dropped.
 */
final class SignInThrottle {

    static final int PAIRS = 10_000;

    /** An attempt refused without a check: how long until that account may be tried again from that address. */
    static final class Paused extends AuthenticationException {

        private final transient Duration retryAfter;
        private final transient boolean first;

        Paused(Duration retryAfter, boolean first) {
            super("too many failed sign-ins");
            this.retryAfter = retryAfter;
            this.first = first;
        }

        /** Whole seconds, at least one. */
        long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }

        /** The first attempt refused in this pause (later ones are not worth a log line each). */
        boolean first() {
            return first;
        }
    }

    /** One attempt let through to the password check; it must end as {@link #failed()} or {@link #succeeded()}. */
    interface Attempt {

        /** Ends the attempt as a failure; true if it paused the pair. */
        boolean failed();

        void succeeded();
    }

    private static final class Pair {
        int failures;
        int checking;
        Instant lastFailure = Instant.MIN;
        Instant pausedUntil = Instant.MIN;
        boolean refusedThisPause;
    }

    private final int maxFailures;
    private final Duration pause;
    private final Clock clock;
    private final Map<String, Pair> pairs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pair> eldest) {
            return size() > PAIRS;
        }
    };

    SignInThrottle(int maxFailures, Duration pause, Clock clock) {
        this.maxFailures = maxFailures;
        this.pause = pause;
        this.clock = clock;
    }

    /** Lets an attempt of {@code account} (null: a name that is no account) from {@code address} be checked, or refuses it. */
    synchronized Attempt begin(String account, String address) {
        String key = (account == null ? "" : "=" + account) + " " + address;
        Instant now = clock.instant();
        Pair pair = pairs.computeIfAbsent(key, k -> new Pair());
        if (now.isBefore(pair.pausedUntil)) {
            boolean first = !pair.refusedThisPause;
            pair.refusedThisPause = true;
            throw new Paused(Duration.between(now, pair.pausedUntil), first);
        }
        if (!now.isBefore(pair.lastFailure.plus(pause))) {
            pair.failures = 0; // a pause has ended, or the last failure is that long ago
        }
        if (pair.failures + pair.checking >= maxFailures) {
            throw new Paused(Duration.ofSeconds(1), false); // the last allowed checks are still running
        }
        pair.checking++;
        return new Attempt() {
            @Override
            public boolean failed() {
                synchronized (SignInThrottle.this) {
                    pair.checking--;
                    pair.failures++;
                    pair.lastFailure = clock.instant();
                    if (pair.failures >= maxFailures) {
                        pair.pausedUntil = pair.lastFailure.plus(pause);
                        pair.refusedThisPause = false;
                        return true;
                    }
                    return false;
                }
            }

            @Override
            public void succeeded() {
                synchronized (SignInThrottle.this) {
                    pair.checking--;
                    pair.failures = 0;
                }
            }
        };
    }

    Duration pause() {
        return pause;
    }
}
