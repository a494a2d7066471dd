package com.marketplace.refunds.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.marketplace.refunds.support.Drops;

/**
 * A drop written byte by byte, for input that {@link Drops} cannot write: bytes that are not
 * UTF-8, headers of one's own, a file without its last line break. control.csv is computed from
 * the bytes (records = non-empty lines after the first; none of these files has a quoted line
 * break), so it tells the truth unless a test spoils it afterwards.
 */
final class RawDrop {

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    RawDrop() {
        Drops.HEADERS.forEach((file, header) -> files.put(file, (header + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** The file with the standard header and these lines, each ending in a line break. */
    RawDrop lines(String file, String... lines) {
        return text(file, Drops.HEADERS.get(file) + "\n" + String.join("", List.of(lines).stream()
                .map(line -> line + "\n").toList()));
    }

    RawDrop text(String file, String text) {
        return bytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    RawDrop bytes(String file, byte[] bytes) {
        files.put(file, bytes.clone());
        return this;
    }

    /** Writes {@code <inbox>/<date>/} with the five extracts and a truthful control.csv. */
    Path write(Path inbox, String date) {
        Path drop = inbox.resolve(date);
        try {
            Files.createDirectories(drop);
            for (var file : files.entrySet()) {
                Files.write(drop.resolve(file.getKey()), file.getValue());
            }
            writeControl(drop);
            return drop;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** control.csv for the five extracts, each read as a stream: an extract may be larger than the heap. */
    static void writeControl(Path drop) {
        StringBuilder control = new StringBuilder("file,rows,sha256\n");
        try {
            for (String file : Drops.HEADERS.keySet()) {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                long records;
                try (InputStream in = new DigestInputStream(
                        new BufferedInputStream(Files.newInputStream(drop.resolve(file)), 1 << 16), sha256)) {
                    records = records(in);
                }
                control.append(file).append(',').append(records).append(',')
                        .append(HexFormat.of().formatHex(sha256.digest())).append('\n');
            }
            Files.writeString(drop.resolve("control.csv"), control);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Non-empty lines after the first. */
    static long records(InputStream bytes) throws IOException {
        long lines = 0;
        boolean empty = true;
        byte[] buffer = new byte[1 << 16];
        for (int n = bytes.read(buffer); n >= 0; n = bytes.read(buffer)) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    lines += empty ? 0 : 1;
                    empty = true;
                }
                else if (b != '\r') {
                    empty = false;
                }
            }
        }
        lines += empty ? 0 : 1;
        return Math.max(0, lines - 1);
    }

    static void rewrite(Path drop, String file, UnaryOperator<String> change) {
        try {
            Files.writeString(drop.resolve(file), change.apply(Files.readString(drop.resolve(file))));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes the file and writes control.csv again: the drop is complete, only the file itself is wrong. */
    static void rewriteTruthfully(Path drop, String file, UnaryOperator<String> change) {
        rewrite(drop, file, change);
        writeControl(drop);
    }

    /** Appends the bytes to the file and writes control.csv again, telling the truth about them. */
    static void appendTruthfully(Path drop, String file, byte[] bytes) {
        try {
            Files.write(drop.resolve(file), bytes, StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeControl(drop);
    }

    static void writeFile(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts the file in the middle, after control.csv was written for all of it. */
    static void truncateToHalf(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text with bytes appended: for a line that is not UTF-8. */
    static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
