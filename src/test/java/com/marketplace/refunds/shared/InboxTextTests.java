package com.marketplace.refunds.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The text of an inbox file: strict UTF-8, a leading byte-order mark skipped, one anywhere else kept. */
class InboxTextTests {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void skipsAByteOrderMarkAtTheStartWhetherReadInBulkOrOneCharacterAtATime() throws IOException {
        byte[] text = withBom("a,b\n\uFEFFc\n");

        assertThat(readInBulk(text)).isEqualTo("a,b\n\uFEFFc\n");
        assertThat(readOneByOne(text)).isEqualTo("a,b\n\uFEFFc\n");
    }

    @Test
    void readsAFileThatIsOnlyAByteOrderMarkAsEmpty() throws IOException {
        assertThat(readInBulk(BOM)).isEmpty();
        assertThat(readOneByOne(BOM)).isEmpty();
    }

    @Test
    void keepsTextWithoutAByteOrderMarkAsItIs() throws IOException {
        byte[] text = "café,€\n".getBytes(StandardCharsets.UTF_8);

        assertThat(readInBulk(text)).isEqualTo("café,€\n");
        assertThat(readOneByOne(text)).isEqualTo("café,€\n");
    }

    @Test
    void failsOnBytesThatAreNotUtf8() {
        byte[] latin1 = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> readInBulk(latin1)).isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void readsNothingBeforeItIsAsked() throws IOException {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("read too early");
            }
        };

        try (Reader reader = InboxText.reader(failing)) {
            assertThat(reader).isNotNull();
        }
    }

    private static byte[] withBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, bytes, 0, BOM.length);
        System.arraycopy(body, 0, bytes, BOM.length, body.length);
        return bytes;
    }

    private static String readInBulk(byte[] bytes) throws IOException {
        try (Reader reader = InboxText.reader(new ByteArrayInputStream(bytes))) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[4];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        }
    }

    private static String readOneByOne(byte[] bytes) throws IOException {
        try (Reader reader = InboxText.reader(new ByteArrayInputStream(bytes))) {
            StringBuilder text = new StringBuilder();
            for (int c = reader.read(); c >= 0; c = reader.read()) {
                text.append((char) c);
            }
            return text.toString();
        }
    }
}
