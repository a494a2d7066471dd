package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.marketplace.refunds.intake.internal.CsvRecordReader.CsvRecord;

/** RFC 4180 records with their physical start line and raw text, strict UTF-8. */
class CsvRecordReaderTests {

    static List<CsvRecord> readAll(String text) throws IOException {
        return readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static List<CsvRecord> readAll(InputStream bytes) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(bytes)) {
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        return records;
    }

    @Test
    void readsPlainRecordsWithTheirLinesAndRawText() throws IOException {
        // when
        List<CsvRecord> records = readAll("order_id,currency\nO-1,USD\nO-2,JPY\n");
        // then
        assertThat(records).containsExactly(
                new CsvRecord(1, List.of("order_id", "currency"), "order_id,currency", null),
                new CsvRecord(2, List.of("O-1", "USD"), "O-1,USD", null),
                new CsvRecord(3, List.of("O-2", "JPY"), "O-2,JPY", null));
    }

    @Test
    void skipsALeadingByteOrderMark() throws IOException {
        // given
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "order_id,currency\nO-1,USD\n".getBytes(StandardCharsets.UTF_8);
        // when
        List<CsvRecord> records = readAll(new SequenceInputStream(new ByteArrayInputStream(bom),
                new ByteArrayInputStream(text)));
        // then
        assertThat(records.get(0).fields()).containsExactly("order_id", "currency");
        assertThat(records.get(0).raw()).isEqualTo("order_id,currency");
        assertThat(records.get(0).line()).isEqualTo(1);
        assertThat(records.get(1).line()).isEqualTo(2);
    }

    @Test
    void keepsAByteOrderMarkThatIsNotAtTheStartAsData() throws IOException {
        List<CsvRecord> records = readAll("a\n\uFEFFb\n");

        assertThat(records.get(1).fields()).containsExactly("\uFEFFb");
    }

    @Test
    void readsQuotedFieldsWithCommasDoubledQuotesAndLineBreaks() throws IOException {
        // given
        String text = "id,reason,amount\n"
                + "D-1,\"late, and broken\",\"12.30\"\n"
                + "D-2,\"he said \"\"no\"\"\",5\n"
                + "D-3,\"line one\nline two\",7\n"
                + "D-4,\"\",\n";
        // when
        List<CsvRecord> records = readAll(text);
        // then
        assertThat(records).extracting(CsvRecord::fields).containsExactly(
                List.of("id", "reason", "amount"),
                List.of("D-1", "late, and broken", "12.30"),
                List.of("D-2", "he said \"no\"", "5"),
                List.of("D-3", "line one\nline two", "7"),
                List.of("D-4", "", ""));
        assertThat(records).allSatisfy(record -> assertThat(record.malformed()).isFalse());
    }

    @Test
    void numbersRecordsByThePhysicalLineWhereTheyStart() throws IOException {
        // given a record whose quoted field spans two lines, and one spanning three
        String text = "id,reason\n" // 1
                + "D-1,\"first\nsecond\"\n" // 2-3
                + "D-2,plain\n" // 4
                + "D-3,\"a\n\nc\"\n" // 5-7
                + "D-4,last\n"; // 8
        // when
        List<CsvRecord> records = readAll(text);
        // then
        assertThat(records).extracting(CsvRecord::line).containsExactly(1, 2, 4, 5, 8);
    }

    @Test
    void keepsTheRawTextOfARecordAsWritten() throws IOException {
        // given
        String record = "D-1,\"he said \"\"no\"\", then\nleft\",12.30";
        // when
        List<CsvRecord> records = readAll("id,reason,amount\n" + record + "\n");
        // then
        assertThat(records.get(1).raw()).isEqualTo(record);
        assertThat(records.get(1).fields()).containsExactly("D-1", "he said \"no\", then\nleft", "12.30");
    }

    @Test
    void readsCrlfLineEndsWithoutKeepingTheCarriageReturn() throws IOException {
        // when
        List<CsvRecord> records = readAll("a,b\r\n1,2\r\n\r\n3,\"x\r\ny\"\r\n4,5");
        // then
        assertThat(records).extracting(CsvRecord::fields).containsExactly(
                List.of("a", "b"), List.of("1", "2"), List.of("3", "x\r\ny"), List.of("4", "5"));
        assertThat(records).extracting(CsvRecord::line).containsExactly(1, 2, 4, 6);
        assertThat(records).extracting(CsvRecord::raw).containsExactly("a,b", "1,2", "3,\"x\r\ny\"", "4,5");
    }

    @Test
    void skipsBlankLinesButCountsThem() throws IOException {
        // when
        List<CsvRecord> records = readAll("a,b\n\n\n1,2\n\n3,4\n\n\n");
        // then
        assertThat(records).extracting(CsvRecord::fields).containsExactly(List.of("a", "b"), List.of("1", "2"),
                List.of("3", "4"));
        assertThat(records).extracting(CsvRecord::line).containsExactly(1, 4, 6);
    }

    @Test
    void readsTheLastRecordWithoutALineEnd() throws IOException {
        List<CsvRecord> records = readAll("a,b\n1,2");

        assertThat(records).hasSize(2);
        assertThat(records.get(1).fields()).containsExactly("1", "2");
        assertThat(records.get(1).malformed()).isFalse();
    }

    @Test
    void givesNothingForAnEmptyInput() throws IOException {
        assertThat(readAll("")).isEmpty();
        assertThat(readAll("\n\r\n")).isEmpty();
    }

    @Test
    void makesAnUnterminatedQuoteAtTheEndOfTheFileMalformed() throws IOException {
        // when
        List<CsvRecord> records = readAll("id,reason\nD-1,ok\nD-2,\"never closed\nD-3,swallowed\n");
        // then
        assertThat(records).hasSize(3);
        CsvRecord last = records.get(2);
        assertThat(last.line()).isEqualTo(3);
        assertThat(last.malformed()).isTrue();
        assertThat(last.malformation()).contains("not closed");
        assertThat(records.get(1).malformed()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "D-1,\"closed\"x,12.30 | 2",
            "\"D-1\"\"\"x,12.30 | 1",
            "D-1,\"closed\" ,12.30 | 2",
            "D-1,12.30,\"closed\"\"\"x | 3"})
    void makesTextAfterAClosingQuoteMalformed(String record, int field) throws IOException {
        // when
        List<CsvRecord> records = readAll("id,reason,amount\n" + record + "\nD-2,fine,1\n");
        // then
        assertThat(records).hasSize(3);
        assertThat(records.get(1).malformed()).isTrue();
        assertThat(records.get(1).malformation()).isEqualTo("text after the closing quote of field " + field);
        assertThat(records.get(1).raw()).isEqualTo(record);
        assertThat(records.get(2).malformed()).isFalse();
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void failsOnInvalidUtf8() {
        // given a lone continuation byte in the second record
        byte[] bytes = {'a', ',', 'b', '\n', '1', ',', (byte) 0x80, '\n'};
        // when / then
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes)))
                .isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void failsOnLatin1Text() {
        byte[] bytes = "a,b\ncaf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes)))
                .isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void readsMultiByteUtf8() throws IOException {
        List<CsvRecord> records = readAll("a,b\ncafé,€ 12 ✓\n");

        assertThat(records.get(1).fields()).containsExactly("café", "€ 12 ✓");
    }

    @Test
    void keepsFieldsAndLineNumbersAcrossTheReadBuffer() throws IOException {
        // given records long enough to cross the reader's 64K-character buffer several times
        String line = "z".repeat(999);
        String multiLine = (line + "\n").repeat(69) + line; // 70 physical lines, 69_999 characters
        String plain = "p".repeat(70_000);
        String text = "id,text\n" + "D-1,\"" + multiLine + "\"\n" + "D-2," + plain + "\n" + "D-3,\"a\"\"b\"\n";
        // when
        List<CsvRecord> records = readAll(text);
        // then
        assertThat(records).extracting(CsvRecord::line).containsExactly(1, 2, 72, 73);
        assertThat(records.get(1).fields().get(1)).isEqualTo(multiLine);
        assertThat(records.get(2).fields().get(1)).isEqualTo(plain);
        assertThat(records.get(3).fields()).containsExactly("D-3", "a\"b");
        assertThat(records).noneMatch(CsvRecord::malformed);
    }

    @Test
    void acceptsAFieldOfExactlyTheLongestLength() throws IOException {
        // given
        String longest = "x".repeat(CsvRecordReader.MAX_FIELD_CHARS);
        // when
        List<CsvRecord> records = readAll("a,b\n" + longest + ",1\n");
        // then
        assertThat(records.get(1).malformed()).isFalse();
        assertThat(records.get(1).fields().get(0)).hasSize(CsvRecordReader.MAX_FIELD_CHARS);
    }

    @Test
    void makesAFieldOneCharacterTooLongMalformed() throws IOException {
        // given
        String tooLong = "x".repeat(CsvRecordReader.MAX_FIELD_CHARS + 1);
        // when
        List<CsvRecord> records = readAll("a,b\n1,\"" + tooLong + "\"\n2,3\n");
        // then
        assertThat(records.get(1).malformed()).isTrue();
        assertThat(records.get(1).malformation()).contains("longer than " + CsvRecordReader.MAX_FIELD_CHARS);
        assertThat(records.get(2).malformed()).isFalse();
    }

    @Test
    void makesAHugeFieldMalformedWithoutHoldingItInMemory() throws IOException {
        // given a 200-million-character quoted field, streamed and never built as a whole
        long hugeLength = 200_000_000L;
        InputStream bytes = new SequenceInputStream(new SequenceInputStream(
                new ByteArrayInputStream("a,b\n1,\"".getBytes(StandardCharsets.US_ASCII)),
                new RepeatedByte('y', hugeLength)),
                new ByteArrayInputStream("\"\n2,3\n".getBytes(StandardCharsets.US_ASCII)));
        // when
        List<CsvRecord> records = readAll(bytes);
        // then the record is a bad row that kept only a bounded part of the field and of the raw text
        assertThat(records).hasSize(3);
        CsvRecord huge = records.get(1);
        assertThat(huge.malformed()).isTrue();
        assertThat(huge.malformation()).contains("longer than");
        assertThat(huge.fields()).allSatisfy(field -> assertThat(field).hasSizeLessThanOrEqualTo(
                CsvRecordReader.MAX_FIELD_CHARS));
        assertThat(huge.raw()).hasSizeLessThan(3_000).startsWith("1,\"yyy").endsWith("(truncated)");
        assertThat(records.get(2).fields()).containsExactly("2", "3");
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void makesARecordLongerThanTheLimitMalformedKeepingNoneOfItsFields() throws IOException {
        // given a record of three million commas: short fields, but far too many of them
        long length = 3_000_000L;
        InputStream bytes = new SequenceInputStream(new SequenceInputStream(
                new ByteArrayInputStream("a,b\n".getBytes(StandardCharsets.US_ASCII)),
                new RepeatedByte(',', length)),
                new ByteArrayInputStream("\n2,3\n".getBytes(StandardCharsets.US_ASCII)));
        // when
        List<CsvRecord> records = readAll(bytes);
        // then a bad row, counted as one record, its raw text cut, and the next record read as usual
        assertThat(records).hasSize(3);
        CsvRecord huge = records.get(1);
        assertThat(huge.malformation()).isEqualTo("the record is longer than " + CsvRecordReader.MAX_RECORD_CHARS
                + " characters");
        assertThat(huge.fields()).isEmpty();
        assertThat(huge.raw()).isEqualTo(",".repeat(2_000) + "...(truncated)");
        assertThat(records.get(2).fields()).containsExactly("2", "3");
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void countsTheLinesOfAQuotedRecordLongerThanTheLimit() throws IOException {
        // given 100,000 quoted fields of two lines each: 1,200,000 characters in 100,001 lines
        String fields = "\"xxxx\nxxxx\",".repeat(100_000);
        // when
        List<CsvRecord> records = readAll("a,b\n" + fields + "1\n2,3\n");
        // then
        assertThat(records.get(1).malformation()).isEqualTo("the record is longer than 1000000 characters");
        assertThat(records.get(2).line()).isEqualTo(2 + 100_000 + 1);
        assertThat(records.get(2).fields()).containsExactly("2", "3");
    }

    @Test
    void acceptsARecordOfExactlyTheLongestLength() throws IOException {
        // given ten fields of 99,999 characters, their nine commas and one character more: the longest record
        String record = String.join(",", Collections.nCopies(10, "y".repeat(99_999))) + "z";
        assertThat(record).hasSize(CsvRecordReader.MAX_RECORD_CHARS);
        // when
        List<CsvRecord> records = readAll("h\n" + record + "\n" + record + ",z\n");
        // then
        assertThat(records.get(1).malformed()).isFalse();
        assertThat(records.get(1).fields()).hasSize(10);
        assertThat(records.get(2).malformation()).contains("the record is longer than");
    }

    /** An input stream of one byte repeated, without an array of that size. */
    static final class RepeatedByte extends InputStream {

        private final int value;
        private long left;

        RepeatedByte(char value, long length) {
            this.value = value;
            this.left = length;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return value;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) value);
            left -= n;
            return n;
        }
    }

    @Test
    void makesAQuoteInsideAnUnquotedFieldMalformed() throws IOException {
        // when
        List<CsvRecord> records = readAll("ab\"c,1\nO-2,2\n");
        // then
        assertThat(records.get(0).malformation()).isEqualTo("a quote inside the unquoted field 1");
        assertThat(records.get(1).malformed()).isFalse();
    }

    @Test
    void marksTheRawTextCutOnlyWhenItWasCut() throws IOException {
        // given one record of exactly the longest raw text kept, and one a character longer
        String longest = "x".repeat(2_000);
        // when
        List<CsvRecord> records = readAll(longest + "\n" + longest + "y\n");
        // then
        assertThat(records.get(0).raw()).isEqualTo(longest);
        assertThat(records.get(1).raw()).isEqualTo(longest + "...(truncated)");
    }
}
