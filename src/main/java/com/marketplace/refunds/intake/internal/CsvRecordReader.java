package com.marketplace.refunds.intake.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records one at a time, keeping what a rejects file needs and a CSV library does
 * not give: the physical line where each record starts and its raw text. Strict UTF-8 (a bad byte
 * fails the file), a leading byte-order mark skipped, blank lines skipped, {@code \n} or
 * {@code \r\n} line ends. A record that breaks the quoting rules is returned as malformed rather
 * than guessed at; very long records keep only the start of their raw text.
 */
public final class CsvRecordReader implements Closeable {

    /** Longest field accepted; a longer one makes the record malformed (a bad row, not a crash). */
    static final int MAX_FIELD_CHARS = 100_000;
    private static final int MAX_RAW_CHARS = 2_000;

    public record CsvRecord(int line, List<String> fields, String raw, String malformation) {
        public boolean malformed() {
            return malformation != null;
        }
    }

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private int line = 1;
    private int pushedBack = -2;

    public CsvRecordReader(InputStream bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.in = new InputStreamReader(bytes, decoder);
    }

    /** The line the reader has reached, for error messages. */
    public int line() {
        return line;
    }

    /** The next record, or null at the end of the input. */
    public CsvRecord next() throws IOException {
        int c = read();
        if (line == 1 && c == '\uFEFF') {
            c = read();
        }
        while (c == '\n' || c == '\r' && peekNewline()) {
            line++;
            c = read();
        }
        if (c < 0) {
            return null;
        }
        int startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        StringBuilder field = new StringBuilder();
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
            appendRaw(raw, c);
            if (quoted) {
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        appendRaw(raw, n);
                        append(field, '"');
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
                    append(field, (char) c);
                    appendPlainRun(field, raw, true);
                }
            }
            else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                afterClosingQuote = false;
                c = read();
                continue;
            }
            else if (afterClosingQuote) {
                if (malformation == null) {
                    malformation = "text after the closing quote of field " + (fields.size() + 1);
                }
            }
            else if (c == '"' && fieldStart) {
                quoted = true;
            }
            else if (c == '"') {
                if (malformation == null) {
                    malformation = "a quote inside the unquoted field " + (fields.size() + 1);
                }
                append(field, '"');
            }
            else {
                append(field, (char) c);
                appendPlainRun(field, raw, false);
            }
            fieldStart = false;
            c = read();
        }
        fields.add(field.toString());
        if (malformation == null && fieldTooLong) {
            malformation = "a field is longer than " + MAX_FIELD_CHARS + " characters";
        }
        fieldTooLong = false;
        String rawText = rawTruncated ? raw.append("...(truncated)").toString() : raw.toString();
        rawTruncated = false;
        return new CsvRecord(startLine, fields, rawText, malformation);
    }

    private boolean fieldTooLong;
    private boolean rawTruncated;

    private void append(StringBuilder field, char c) {
        if (field.length() < MAX_FIELD_CHARS) {
            field.append(c);
        }
        else {
            fieldTooLong = true;
        }
    }

    /**
     * Copies the run of ordinary characters that follows in the buffer in one go: the hot path.
     * Inside quotes only the quote ends a run (line breaks are counted); outside, also ',' and line ends.
     */
    private void appendPlainRun(StringBuilder field, StringBuilder raw, boolean quoted) {
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
        int length = end - start;
        if (length == 0) {
            return;
        }
        if (field.length() + length <= MAX_FIELD_CHARS) {
            field.append(buffer, start, length);
        }
        else {
            fieldTooLong = true;
        }
        int room = MAX_RAW_CHARS - raw.length();
        raw.append(buffer, start, Math.min(length, Math.max(room, 0)));
        rawTruncated |= length > room;
        position = end;
    }

    private void appendRaw(StringBuilder raw, int c) {
        if (raw.length() < MAX_RAW_CHARS) {
            raw.append((char) c);
        }
        else {
            rawTruncated = true;
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
