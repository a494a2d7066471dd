package com.marketplace.refunds.stuck.internal.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials bcrypt has just verified, remembered for a short time so an API client (HTTP Basic on
 * every request) pays bcrypt once, not on each request. Only an HMAC-SHA-256 of name and password is
 * kept, under a secret drawn at start that is never written anywhere and dies with the process: no
 * password is kept in a form that can be read back. At most {@link #CREDENTIALS} are kept; only
 * verified credentials get in, so an attacker cannot fill it.
 */
final class RememberedCredentials {

    static final int CREDENTIALS = 1_000;

    private final Duration rememberFor;
    private final Clock clock;
    private final SecretKeySpec secret;
    private final Map<ByteBuffer, Instant> verified = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Instant> eldest) {
            return size() > CREDENTIALS;
        }
    };

    RememberedCredentials(Duration rememberFor, Clock clock) {
        this.rememberFor = rememberFor;
        this.clock = clock;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.secret = new SecretKeySpec(key, "HmacSHA256");
    }

    /** True if this very name and password were verified less than {@code rememberFor} ago. */
    synchronized boolean verified(String name, String password) {
        ByteBuffer digest = digest(name, password);
        Instant until = verified.get(digest);
        if (until != null && clock.instant().isBefore(until)) {
            return true;
        }
        verified.remove(digest);
        return false;
    }

    synchronized void remember(String name, String password) {
        if (!rememberFor.isZero()) {
            ByteBuffer digest = digest(name, password);
            verified.remove(digest); // re-inserted last, so the oldest is the one dropped when full
            verified.put(digest, clock.instant().plus(rememberFor));
        }
    }

    private ByteBuffer digest(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            mac.update(ByteBuffer.allocate(4).putInt(nameBytes.length).array()); // "a:b" + "c" never meets "a" + "b:c"
            mac.update(nameBytes);
            return ByteBuffer.wrap(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
