package com.marketplace.refunds.reconciliation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/** The physical line of the first byte sequence that is not UTF-8, counting {@code \n}. */
final class LineOfBadUtf8 {

    private LineOfBadUtf8() {
    }

    /** The line, or the line after the last one when every byte is valid. */
    static int find(InputStream bytes) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        int line = 1;
        while (true) {
            int read = bytes.read(in.array(), in.position(), in.remaining());
            boolean end = read < 0;
            in.position(in.position() + Math.max(read, 0)).flip();
            CoderResult result;
            do {
                int start = in.position();
                result = decoder.decode(in, out, end);
                line += newlines(in, start, in.position());
                out.clear();
            } while (result.isOverflow());
            if (result.isError() || end) {
                return line;
            }
            in.compact();
        }
    }

    private static int newlines(ByteBuffer buffer, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (buffer.get(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
