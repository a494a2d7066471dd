package com.marketplace.refunds.refund;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import com.marketplace.refunds.shared.Sha256;

/** The reference sent to processors: {@code RF-} and the first 20 hex digits of SHA-256(refund key). */
public final class RefundId {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Sha256::digest);

    private RefundId() {
    }

    public static String of(String refundKey) {
        byte[] digest = SHA_256.get().digest(refundKey.getBytes(StandardCharsets.UTF_8));
        return "RF-" + HEX.formatHex(digest, 0, 10);
    }
}
