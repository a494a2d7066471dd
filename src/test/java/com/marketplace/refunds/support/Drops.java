package com.marketplace.refunds.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Builds inbox drops for tests: the five extracts with their headers, and a truthful control.csv. */
public final class Drops {

    public static final Map<String, String> HEADERS = new LinkedHashMap<>();

    static {
        HEADERS.put("orders.csv", "order_id,store_id,buyer_id,payment_method,payment_reference,currency,items_amount,"
                + "shipping_amount,paid_at,ship_deadline,shipped_at,tracking_number,delivered_at,free_return,"
                + "protection_expires_at");
        HEADERS.put("cancellations.csv", "cancellation_id,order_id,requested_at,seller_confirmed_at");
        HEADERS.put("dispute_resolutions.csv", "dispute_id,order_id,opened_at,resolved_at,delivery_status,reason,"
                + "requested_amount,resolution,awarded_amount,return_required,return_received_at");
        HEADERS.put("store_blocks.csv", "store_id,blocked_at,review_status,confirmed_at");
        HEADERS.put("free_returns.csv", "return_id,order_id,requested_at,received_at");
    }

    private Drops() {
    }

    /** Writes {@code <inbox>/<date>/} with the given data lines per file (others empty) and its control file. */
    public static Path write(Path inbox, String date, Map<String, List<String>> lines) {
        Path drop = inbox.resolve(date);
        try {
            Files.createDirectories(drop);
            for (var file : HEADERS.entrySet()) {
                StringBuilder text = new StringBuilder(file.getValue()).append('\n');
                lines.getOrDefault(file.getKey(), List.of()).forEach(line -> text.append(line).append('\n'));
                Files.writeString(drop.resolve(file.getKey()), text, StandardCharsets.UTF_8);
            }
            writeControl(drop);
            return drop;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites control.csv from the extracts present (records = non-empty lines after the header). */
    public static void writeControl(Path drop) throws IOException {
        StringBuilder control = new StringBuilder("file,rows,sha256\n");
        for (String file : HEADERS.keySet()) {
            byte[] bytes = Files.readAllBytes(drop.resolve(file));
            long rows;
            try (Stream<String> all = Files.lines(drop.resolve(file))) {
                rows = all.skip(1).filter(l -> !l.isEmpty()).count();
            }
            control.append(file).append(',').append(rows).append(',').append(sha256(bytes)).append('\n');
        }
        Files.writeString(drop.resolve("control.csv"), control);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
