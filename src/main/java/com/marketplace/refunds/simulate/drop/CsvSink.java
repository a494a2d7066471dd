package com.marketplace.refunds.simulate.drop;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

import com.marketplace.refunds.shared.Sha256;

/**
 * One extract being written: RFC 4180 records (quoted only when needed), UTF-8 without BOM, {@code \n}
 * line ends, streamed through a SHA-256 of the exact bytes. Every good record may be followed by a planted
 * bad one, on the schedule of {@link BadRowRecipe}.
 */
final class CsvSink implements Closeable {

    private final String fileName;
    private final Writer out;
    private final MessageDigest digest;
    private final BadRowRecipe badRows;
    private long records;
    private long plantableRecords;
    private long badRecords;
    private String sha256;

    private CsvSink(String fileName, Writer out, MessageDigest digest, BadRowRecipe badRows) {
        this.fileName = fileName;
        this.out = out;
        this.digest = digest;
        this.badRows = badRows;
    }

    static CsvSink open(Path folder, String fileName, String[] header, BadRowRecipe badRows) throws IOException {
        MessageDigest digest = Sha256.digest();
        Writer out = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(folder.resolve(fileName)), 1 << 16), digest),
                StandardCharsets.UTF_8), 1 << 16);
        CsvSink sink = new CsvSink(fileName, out, digest, badRows);
        sink.writeLine(header);
        return sink;
    }

    /** Writes a good record, then the planted bad record that is due after it, if any. */
    void write(String... fields) throws IOException {
        writeLine(fields);
        records++;
        plantableRecords++;
        if (badRows != null && badRows.dueAfter(plantableRecords)) {
            writeLine(badRows.plant(badRecords, fields));
            records++;
            badRecords++;
        }
    }

    /** Writes a good record that no bad row may copy (an event of an unknown order is judged differently). */
    void writeWithoutPlanting(String... fields) throws IOException {
        writeLine(fields);
        records++;
    }

    private void writeLine(String[] fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            writeField(fields[i] == null ? "" : fields[i]);
        }
        out.write('\n');
    }

    private void writeField(String value) throws IOException {
        boolean quote = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("line break in a field of " + fileName + ": " + value);
            }
            quote |= c == ',' || c == '"';
        }
        if (!quote) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }

    @Override
    public void close() throws IOException {
        if (sha256 == null) {
            out.close();
            sha256 = Sha256.hex(digest);
        }
    }

    String fileName() {
        return fileName;
    }

    long records() {
        return records;
    }

    long badRecords() {
        return badRecords;
    }

    /** The lower-case hex SHA-256 of the bytes written; only once closed. */
    String sha256() {
        if (sha256 == null) {
            throw new IllegalStateException(fileName + " is still open");
        }
        return sha256;
    }
}
