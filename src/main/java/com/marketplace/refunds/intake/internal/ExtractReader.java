package com.marketplace.refunds.intake.internal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.marketplace.refunds.intake.DropRejectedException;
import com.marketplace.refunds.intake.internal.CsvRecordReader.CsvRecord;
import com.marketplace.refunds.intake.internal.CsvRecordReader.Keeping;
import com.marketplace.refunds.shared.InboxFiles;

/**
 * An extract opened for reading: its header checked (every required column present, no column
 * twice), then its records one by one. Problems that make the whole file unusable become a
 * {@link DropRejectedException} naming the file and the line, never a value of the file.
 */
final class ExtractReader implements Closeable {

    private final Path file;
    private final CsvRecordReader records;
    private final Map<String, Integer> columns = new HashMap<>();
    private final int headerSize;

    private ExtractReader(Path file, InputStream bytes, List<String> requiredColumns, Keeping keeping)
            throws IOException {
        this.file = file;
        this.records = new CsvRecordReader(bytes, keeping);
        CsvRecord header = next();
        if (header == null || header.malformed()) {
            throw new DropRejectedException(file.getFileName() + " has no readable header row");
        }
        List<String> names = header.fields();
        for (int i = 0; i < names.size(); i++) {
            // interned: the row checks look each column up by a literal name for every field of every row, and
            // an interned key is found by identity instead of compared character by character
            Integer earlier = columns.put(names.get(i).intern(), i);
            if (earlier != null) {
                throw new DropRejectedException(file.getFileName() + " names a column twice in its header (columns "
                        + (earlier + 1) + " and " + (i + 1) + "); ask the upstream system to re-deliver the drop");
            }
        }
        for (String required : requiredColumns) {
            if (!columns.containsKey(required)) {
                throw new DropRejectedException(file.getFileName() + " has no column '" + required
                        + "' in its header; ask the upstream system to re-deliver the drop");
            }
        }
        this.headerSize = names.size();
    }

    /** Opens a file of the drop in this inbox: one that leads out of the inbox is never read. */
    static ExtractReader open(Path inbox, Path file, List<String> requiredColumns) {
        return open(inbox, file, requiredColumns, Keeping.FIELDS_AND_RAW);
    }

    /** The same, its records keeping only what the reader needs of them. */
    static ExtractReader open(Path inbox, Path file, List<String> requiredColumns, Keeping keeping) {
        InboxFiles.inside(inbox, file);
        InputStream bytes = null;
        try {
            bytes = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            return new ExtractReader(file, bytes, requiredColumns, keeping);
        }
        catch (NoSuchFileException e) {
            throw new DropRejectedException(file + " is missing from the drop");
        }
        catch (IOException | RuntimeException e) {
            closeQuietly(bytes);
            if (e instanceof DropRejectedException rejected) {
                throw rejected;
            }
            throw new DropRejectedException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    Map<String, Integer> columns() {
        return columns;
    }

    int headerSize() {
        return headerSize;
    }

    /** The next record, or null at the end. */
    CsvRecord next() {
        return nextFrom(0);
    }

    /** The first record starting on that line or after it, or null at the end; those before it keep nothing. */
    CsvRecord nextFrom(int line) {
        try {
            return records.nextFrom(line);
        }
        catch (CharacterCodingException e) {
            throw new DropRejectedException(file.getFileName() + " is not valid UTF-8 (near line " + records.line()
                    + "); ask the upstream system to re-deliver the drop");
        }
        catch (IOException e) {
            throw new DropRejectedException("cannot read " + file + " near line " + records.line() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        records.close();
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            }
            catch (IOException ignored) {
                // already failing; the first problem is the one to report
            }
        }
    }
}
