package com.marketplace.refunds.refund;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The reference sent to processors: {@code RF-} and the first 20 hex digits of SHA-256(refund key). */
public final class RefundId {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private RefundId() {
    }

    public static String of(String refundKey) {
        byte[] digest = SHA_256.get().digest(refundKey.getBytes(StandardCharsets.UTF_8));
        return "RF-" + HEX.formatHex(digest, 0, 10);
    }
}
