package com.marketplace.refunds.shared;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a file of the inbox (an extract, a processor report) as the contract reads it: strict
 * UTF-8, so a byte sequence that is not UTF-8 fails the read with a
 * {@link java.nio.charset.CharacterCodingException} and never becomes a replacement character, and
 * a byte-order mark at the very start skipped (one anywhere else is data).
 */
public final class InboxText {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private InboxText() {
    }

    public static Reader reader(InputStream bytes) {
        var strictUtf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new WithoutLeadingByteOrderMark(new InputStreamReader(bytes, strictUtf8));
    }

    /** Drops the first character when it is a byte-order mark; reads nothing before it is asked to. */
    private static final class WithoutLeadingByteOrderMark extends FilterReader {

        private boolean started;

        WithoutLeadingByteOrderMark(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (!started) {
                started = true;
                if (c == BYTE_ORDER_MARK) {
                    c = in.read();
                }
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (started || n <= 0) {
                return n;
            }
            started = true;
            if (buffer[offset] != BYTE_ORDER_MARK) {
                return n;
            }
            if (n == 1) {
                return in.read(buffer, offset, length);
            }
            System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
            return n - 1;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
