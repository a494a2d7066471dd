package com.marketplace.refunds.intake.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The lines opencsv reads, bounded like the hand-written reader's records: once the record has
 * more than {@link CsvRecordReader#MAX_RECORD_CHARS} characters the rest of each line is skipped,
 * never held; the first 2,000 characters are kept as the raw text.
 */
final class OpenCsvBoundedLines extends BufferedReader {

    private static final int MAX_RAW_CHARS = 2_000;

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder spanning = new StringBuilder();
    private final StringBuilder raw = new StringBuilder();
    private String firstLine;
    private int lines;
    private int position;
    private int limit;
    private long recordChars;
    private boolean tooLong;

    OpenCsvBoundedLines(Reader in) {
        super(in, 1);
        this.in = in;
    }

    void startRecord() {
        recordChars = 0;
        tooLong = false;
        lines = 0;
        firstLine = null;
        raw.setLength(0);
    }

    boolean tooLong() {
        return tooLong;
    }

    String raw() {
        if (lines > 1) {
            return raw.toString();
        }
        return firstLine == null ? "" : firstLine.length() <= MAX_RAW_CHARS ? firstLine
                : firstLine.substring(0, MAX_RAW_CHARS);
    }

    @Override
    public String readLine() throws IOException {
        spanning.setLength(0);
        boolean any = false;
        while (fill()) {
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            boolean ended = position < limit;
            int end = ended && position > start && buffer[position - 1] == '\r' ? position - 1 : position;
            if (ended) {
                position++;
            }
            if (ended && spanning.isEmpty()) {
                return kept(keep(start, end) ? new String(buffer, start, end - start) : "");
            }
            if (keep(start, end)) {
                spanning.append(buffer, start, end - start);
            }
            if (ended) {
                return kept(spanning.toString());
            }
        }
        return any ? kept(spanning.toString()) : null;
    }

    private boolean keep(int start, int end) {
        recordChars += end - start;
        tooLong |= recordChars > CsvRecordReader.MAX_RECORD_CHARS;
        return !tooLong;
    }

    private String kept(String line) {
        lines++;
        if (lines == 1) {
            firstLine = line;
        }
        else {
            if (lines == 2) {
                raw.append(firstLine, 0, Math.min(firstLine.length(), MAX_RAW_CHARS));
            }
            raw.append('\n').append(line, 0, Math.max(0, Math.min(line.length(), MAX_RAW_CHARS - raw.length())));
        }
        return line;
    }

    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        limit = Math.max(in.read(buffer, 0, buffer.length), 0);
        position = 0;
        return limit > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
