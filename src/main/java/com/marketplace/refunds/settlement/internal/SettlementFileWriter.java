package com.marketplace.refunds.settlement.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.marketplace.refunds.settlement.PublishedFiles;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.ExplainedFailure;
import com.marketplace.refunds.shared.Identifiers;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.shared.OwnerOnly;
import com.marketplace.refunds.shared.PaymentMethod;
import com.marketplace.refunds.shared.Sha256;
import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;

/**
 * Writes one settlement file and its control file, streaming: the rows go to a hidden temporary
 * file (owner-only), which is synced and then linked under its final name; the control file, written
 * the same way, appears last. Nothing half-written is ever visible under a final name, and nothing
 * published is ever replaced.
 */
public final class SettlementFileWriter {

    /** One refund as sent to the processor. */
    public record Row(String refundId, String orderId, String reference, String currency, long amountMinor,
                      String reason) {
    }

    /** What was written: the control file's figures. */
    public record Written(String fileName, PaymentMethod method, LocalDate businessDate, int sequence,
                          long recordCount, SortedMap<String, String> totals, String sha256) {
    }

    @FunctionalInterface
    public interface Rows {
        void forEach(Consumer<Row> row);
    }

    private SettlementFileWriter() {
    }

    public static Written write(Path folder, PaymentMethod method, LocalDate businessDate, int sequence, Rows rows)
            throws IOException {
        OwnerOnly.folders(folder);
        String fileName = method.fileName(businessDate, sequence);
        Path partial = folder.resolve("." + fileName + ".partial");
        MessageDigest sha256 = Sha256.digest();
        long[] count = new long[1];
        // exact whatever the drop: enough refunds at the largest allowed amount add up beyond a long
        SortedMap<String, BigInteger> totalsMinor = new TreeMap<>();
        try (FileChannel channel = OwnerOnly.newFile(partial);
             OutputStream bytes = new DigestOutputStream(Channels.newOutputStream(channel), sha256);
             ICSVWriter csv = new CSVWriter(new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8),
                     1 << 16), ',', '"', '"', "\n")) {
            csv.writeNext(method.header(), false);
            rows.forEach(row -> {
                requireSafe(row);
                int exponent = Currencies.exponent(row.currency());
                csv.writeNext(new String[] {row.refundId(), row.orderId(), row.reference(), row.currency(),
                        Money.format(row.amountMinor(), exponent), row.reason()}, false);
                totalsMinor.merge(row.currency(), BigInteger.valueOf(row.amountMinor()), BigInteger::add);
                if (++count[0] == 1) {
                    csv.flushQuietly();
                    CrashPoints.reach("settlement-writing-rows");
                }
            });
            csv.flush();
            channel.force(true);
        }
        CrashPoints.reach("settlement-file-written");
        publish(partial, folder.resolve(fileName));
        CrashPoints.reach("settlement-renamed");

        SortedMap<String, String> totals = new TreeMap<>();
        totalsMinor.forEach((currency, minor) -> totals.put(currency, Money.format(minor,
                Currencies.exponent(currency))));
        Written written = new Written(fileName, method, businessDate, sequence, count[0], totals,
                Sha256.hex(sha256));
        Path controlPartial = folder.resolve("." + fileName + ".ctl.json.partial");
        try (FileChannel channel = OwnerOnly.newFile(controlPartial)) {
            channel.write(StandardCharsets.UTF_8.encode(ControlFile.json(written)));
            channel.force(true);
        }
        publish(controlPartial, folder.resolve(fileName + PublishedFiles.CONTROL_SUFFIX));
        return written;
    }

    /** Only identifiers, codes and amounts reach a settlement file: checked again here, in case. */
    private static void requireSafe(Row row) {
        if (!Identifiers.isValid(row.refundId()) || !Identifiers.isValid(row.orderId())
                || !Identifiers.isValid(row.reference()) || Currencies.iso(row.currency()).isEmpty()
                || !row.reason().matches("[A-Z_]+") || row.amountMinor() <= 0) {
            throw new IllegalStateException("refund " + row.refundId() + " holds a value that may not be sent");
        }
    }

    /**
     * Puts the finished file under its final name, never over another one: a hard link appears
     * atomically, whole, and fails when the name is taken. A file there with the same bytes is this
     * file, published before a crash: it is kept as it is. One with other bytes is never replaced
     * (downstream may have taken it, and deduplicates by name): the run fails naming it, and the
     * folder is left as it was.
     */
    private static void publish(Path partial, Path target) throws IOException {
        try {
            Files.createLink(target, partial);
        }
        catch (FileAlreadyExistsException taken) {
            boolean sameFile = Files.mismatch(partial, target) == -1;
            Files.delete(partial);
            if (!sameFile) {
                throw new ExplainedFailure(target.toAbsolutePath() + " is already published with other bytes than "
                        + "this run writes under that name, and a published file is never replaced; nothing in its "
                        + "folder was changed. Find out which run wrote it (a database restored from an older backup, "
                        + "or a file put there by hand) and whether it was sent, then run the same command again");
            }
            return;
        }
        Files.delete(partial);
        try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        }
    }
}
