package com.marketplace.refunds.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as control files, manifests and refund ids use it: lower-case hex unless said otherwise. */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest, to feed while streaming (every JVM has SHA-256). */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest so far, as lower-case hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of a whole file, as lower-case hex. */
    public static String ofFile(Path file) {
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return hex(digest);
    }
}
