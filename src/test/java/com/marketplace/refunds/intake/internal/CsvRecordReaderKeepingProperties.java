package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import com.marketplace.refunds.intake.internal.CsvRecordReader.CsvRecord;
import com.marketplace.refunds.intake.internal.CsvRecordReader.Keeping;

/**
 * A reader that keeps less of each record (the load keeps no raw text, the drop's verification nothing)
 * still finds the same records: the same count, start lines and malformations, and the same fields
 * where it keeps them. Otherwise the record count checked against control.csv and the one loaded could
 * differ, or a bad row be read as a good one.
 */
class CsvRecordReaderKeepingProperties {

    @Property(tries = 2_000)
    void keepingLessFindsTheSameRecords(@ForAll("csvText") String text) throws IOException {
        List<CsvRecord> all = read(text, Keeping.FIELDS_AND_RAW);
        List<CsvRecord> fields = read(text, Keeping.FIELDS);
        List<CsvRecord> nothing = read(text, Keeping.NOTHING);

        assertThat(fields).extracting(CsvRecord::line, CsvRecord::fields, CsvRecord::malformation)
                .containsExactlyElementsOf(all.stream().map(r -> tuple(r.line(), r.fields(),
                        r.malformation())).toList());
        assertThat(nothing).extracting(CsvRecord::line, CsvRecord::malformation)
                .containsExactlyElementsOf(all.stream().map(r -> tuple(r.line(),
                        r.malformation())).toList());
        assertThat(fields).allSatisfy(record -> assertThat(record.raw()).isEmpty());
        assertThat(nothing).allSatisfy(record -> assertThat(record.fields()).isEmpty());
    }

    /**
     * Reading forward to chosen lines (the rejects files' raw text) finds the record that starts on each, or
     * the next one, whole, as reading every record does, though the records skipped keep nothing.
     */
    @Property(tries = 2_000)
    void readingForwardToALineFindsTheRecordsReadingEveryRecordFinds(@ForAll("csvText") String text,
            @ForAll("lineSteps") List<Integer> steps) throws IOException {
        List<CsvRecord> all = read(text, Keeping.FIELDS_AND_RAW);
        try (CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            int line = 0;
            for (int step : steps) {
                line += step;
                int asked = line;
                CsvRecord expected = all.stream().filter(record -> record.line() >= asked).findFirst().orElse(null);

                CsvRecord found = reader.nextFrom(asked);

                assertThat(found).as("line %d", asked).isEqualTo(expected);
                if (found == null) {
                    break;
                }
                line = found.line() + 1;
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> lineSteps() {
        return Arbitraries.integers().between(0, 4).list().ofMinSize(1).ofMaxSize(10);
    }

    @Example
    void aFieldOrARecordOverItsLimitIsMalformedWhateverTheReaderKeeps() throws IOException {
        String longField = "x".repeat(CsvRecordReader.MAX_FIELD_CHARS + 1);
        String longRecord = (longField.substring(1) + ",").repeat(CsvRecordReader.MAX_RECORD_CHARS / CsvRecordReader.MAX_FIELD_CHARS + 1);
        String text = "a,b\n" + longField + ",y\n" + longRecord + "\nc,d\n";

        for (Keeping keeping : Keeping.values()) {
            List<CsvRecord> records = read(text, keeping);

            assertThat(records).as(keeping.name()).extracting(CsvRecord::line, CsvRecord::malformation).containsExactly(
                    tuple(1, null),
                    tuple(2, "a field is longer than " + CsvRecordReader.MAX_FIELD_CHARS + " characters"),
                    tuple(3, "the record is longer than " + CsvRecordReader.MAX_RECORD_CHARS + " characters"),
                    tuple(4, null));
        }
    }

    /** Records of letters, separators, quotes and line ends in any order, malformed ones among them. */
    @Provide
    Arbitrary<String> csvText() {
        return Arbitraries.of("a", "bc", "é", ",", "\"", "\"\"", "\n", "\r\n", "\r", "\n\n")
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    private static List<CsvRecord> read(String text, Keeping keeping) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                keeping)) {
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        return records;
    }
}
