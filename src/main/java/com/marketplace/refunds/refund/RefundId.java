package com.marketplace.refunds.refund;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The reference sent to processors: {@code RF-} and the first 20 hex digits of SHA-256(refund key). */
public final class RefundId {

    private RefundId() {
    }

    public static String of(String refundKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(refundKey.getBytes(StandardCharsets.UTF_8));
            return "RF-" + HexFormat.of().withUpperCase().formatHex(digest).substring(0, 20);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
