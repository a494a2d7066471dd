package com.marketplace.refunds.intake.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.List;

import com.marketplace.refunds.shared.InboxText;

/**
 * Reads RFC 4180 records one at a time, keeping what a rejects file needs and a CSV library does
 * not give: the physical line where each record starts and its raw text. Strict UTF-8 (a bad byte
 * fails the file) with a leading byte-order mark skipped, as for the processor reports
 * ({@link InboxText}), blank lines skipped, {@code \n} or {@code \r\n} line ends. A record that
 * breaks the quoting rules is returned as malformed rather than guessed at; very long records keep
 * only the start of their raw text, and a record longer than {@link #MAX_RECORD_CHARS} none of its
 * fields, so memory stays bounded whatever the input.
 * <p>
 * <b>Why not opencsv</b>, which reads the processor reports: not speed. {@code
 * jobs/benchmark-extract-reader} (1,000,000 orders, 204 MB, two cores shared with others, medians
 * of 7 runs, three calls) measured opencsv, with the cheapest bound on a record it allows, at 0.69
 * to 0.75 of this reader's CPU time (470 against 690 ms) and at 0.87 to 0.91 through the orders'
 * row checks (1,580 against 1,810 ms). It is kept because opencsv's RFC 4180 parser cannot give
 * the bad rows the contract promises: it reads {@code "closed"x} as a quoted field left open and
 * joins every following line into one record, reads {@code ab"c} as data, drops the {@code \r} of
 * a {@code \r\n} inside quotes, gives no raw text, and bounds nothing itself (the benchmark gives
 * it a line reader of its own). Keeping today's reasons, line numbers and raw text on top of it
 * would take a second scanner over every record: this one.
 */
public final class CsvRecordReader implements Closeable {

    /** Longest field accepted; a longer one makes the record malformed (a bad row, not a crash). */
    static final int MAX_FIELD_CHARS = 100_000;
    /** Longest record accepted, in characters (quotes and line breaks inside it included, its own line end not). */
    static final int MAX_RECORD_CHARS = 1_000_000;

    public record CsvRecord(int line, List<String> fields, String raw, String malformation) {
        public boolean malformed() {
            return malformation != null;
        }
    }

    /**
     * What each record keeps: its fields and raw text, its fields only (loading: the raw text is read again
     * for the few bad rows, by the rejects files), or neither (counting the records of a drop).
     */
    public enum Keeping {
        FIELDS_AND_RAW(true, true), FIELDS(true, false), NOTHING(false, false);

        private final boolean fields;
        private final boolean raw;

        Keeping(boolean fields, boolean raw) {
            this.fields = fields;
            this.raw = raw;
        }
    }

    private final Reader in;
    private final BoundedRecord record;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private int line = 1;
    private int pushedBack = -2;

    public CsvRecordReader(InputStream bytes) {
        this(bytes, Keeping.FIELDS_AND_RAW);
    }

    public CsvRecordReader(InputStream bytes, Keeping keeping) {
        this.in = InboxText.reader(bytes);
        this.record = new BoundedRecord(keeping.fields, keeping.raw);
    }

    /** The line the reader has reached, for error messages. */
    public int line() {
        return line;
    }

    /** The next record, or null at the end of the input. */
    public CsvRecord next() throws IOException {
        return nextFrom(0);
    }

    /**
     * The first record that starts on that line or after it, or null at the end of the input: the records
     * before it are only delimited and counted, keeping nothing (the rejects files read an extract again for
     * the raw text of a few of its records).
     */
    public CsvRecord nextFrom(int firstLine) throws IOException {
        CsvRecord record;
        do {
            record = readRecord(firstLine);
        } while (record != null && record.line() < firstLine);
        return record;
    }

    private CsvRecord readRecord(int firstLineKept) throws IOException {
        int c = read();
        while (c == '\n' || c == '\r' && peekNewline()) {
            line++;
            c = read();
        }
        if (c < 0) {
            return null;
        }
        int startLine = line;
        record.start(startLine >= firstLineKept);
        String malformation = null;
        boolean quoted = false;
        boolean afterClosingQuote = false;
        boolean fieldStart = true;
        while (true) {
            if (c < 0) {
                if (quoted) {
                    malformation = "a quoted field is not closed before the end of the file";
                }
                break;
            }
            if (!quoted && (c == '\n' || c == '\r' && peekNewline())) {
                line++;
                break;
            }
            record.consume(c);
            if (quoted) {
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        record.consume(n);
                        record.append('"');
                    }
                    else {
                        quoted = false;
                        afterClosingQuote = true;
                        c = n;
                        continue;
                    }
                }
                else {
                    if (c == '\n') {
                        line++;
                    }
                    record.append((char) c);
                    consumePlainRun(true);
                }
            }
            else if (c == ',') {
                record.endField();
                fieldStart = true;
                afterClosingQuote = false;
                c = read();
                continue;
            }
            else if (afterClosingQuote) {
                if (malformation == null) {
                    malformation = "text after the closing quote of field " + record.fieldNumber();
                }
            }
            else if (c == '"' && fieldStart) {
                quoted = true;
            }
            else if (c == '"') {
                if (malformation == null) {
                    malformation = "a quote inside the unquoted field " + record.fieldNumber();
                }
                record.append('"');
            }
            else {
                record.append((char) c);
                consumePlainRun(false);
            }
            fieldStart = false;
            c = read();
        }
        return record.finish(startLine, malformation);
    }

    /**
     * Hands the run of ordinary characters that follows in the buffer to the record in one go.
     * Inside quotes only the quote ends a run (line breaks are counted); outside, also ',' and line ends.
     */
    private void consumePlainRun(boolean quoted) {
        if (pushedBack != -2) {
            return;
        }
        int start = position;
        int end = start;
        while (end < limit) {
            char c = buffer[end];
            if (c == '"' || !quoted && (c == ',' || c == '\n' || c == '\r')) {
                break;
            }
            if (c == '\n') {
                line++;
            }
            end++;
        }
        if (end > start) {
            record.run(buffer, start, end - start);
            position = end;
        }
    }

    /** After a '\r': consumes a following '\n' and says whether there was one. */
    private boolean peekNewline() throws IOException {
        int n = read();
        if (n == '\n') {
            return true;
        }
        pushedBack = n;
        return false;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++];
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
