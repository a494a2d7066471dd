package com.marketplace.refunds.reconciliation.internal;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A report's text with each physical line bounded while it is read: once a line runs longer than
 * {@link #MAX_LINE_CHARS} characters without ending, reading stops with a {@link LineTooLongException},
 * so the CSV reader above never holds a hostile line whole (a 1 GB line would exhaust the heap).
 * The longest line of either processor's layout is a few hundred characters.
 */
final class BoundedLines extends FilterReader {

    static final int MAX_LINE_CHARS = 100_000;

    /** The line being read is longer than {@link #MAX_LINE_CHARS}. */
    static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("a line is longer than " + MAX_LINE_CHARS + " characters");
        }
    }

    private long lineChars;

    BoundedLines(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        for (int i = offset; i < offset + read; i++) {
            count(buffer[i]);
        }
        return read;
    }

    private void count(char c) throws LineTooLongException {
        if (c == '\n') {
            lineChars = 0;
        }
        else if (c != '\r' && ++lineChars > MAX_LINE_CHARS) {
            throw new LineTooLongException();
        }
    }
}
