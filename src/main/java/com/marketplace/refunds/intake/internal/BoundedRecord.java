package com.marketplace.refunds.intake.internal;

import java.util.ArrayList;
import java.util.List;

import com.marketplace.refunds.intake.internal.CsvRecordReader.CsvRecord;

/**
 * The record a {@link CsvRecordReader} is reading, kept within bounds whatever the input: each field
 * up to {@link CsvRecordReader#MAX_FIELD_CHARS}, the raw text up to 2,000 characters, and no fields
 * at all once the record is longer than {@link CsvRecordReader#MAX_RECORD_CHARS}: from then on it is
 * only counted to its end, and becomes a bad row.
 */
final class BoundedRecord {

    private static final int MAX_RAW_CHARS = 2_000;

    private final boolean keepFields;
    private final boolean keepRaw;
    private boolean keepingRaw;
    private List<String> fields;
    private int lastFieldCount = 10;
    private final StringBuilder field = new StringBuilder();
    private int fieldLength;
    private final StringBuilder raw = new StringBuilder();
    private long length;
    private int fieldsEnded;
    private boolean fieldTooLong;
    private boolean tooLong;
    private boolean rawTruncated;

    /** A record that keeps its fields, its raw text, both or neither (then it is only delimited and counted). */
    BoundedRecord(boolean keepFields, boolean keepRaw) {
        this.keepFields = keepFields;
        this.keepRaw = keepRaw;
    }

    /** A new record, which keeps what this one is made to keep, or nothing when told not to keep it. */
    void start(boolean keep) {
        keepingRaw = keep && keepRaw;
        fields = keep && keepFields ? new ArrayList<>(lastFieldCount) : null;
        field.setLength(0);
        fieldLength = 0;
        raw.setLength(0);
        length = 0;
        fieldsEnded = 0;
        fieldTooLong = false;
        tooLong = false;
        rawTruncated = false;
    }

    /** The number of the field being read, from 1. */
    int fieldNumber() {
        return fieldsEnded + 1;
    }

    void endField() {
        if (fields != null) {
            fields.add(field.toString());
        }
        field.setLength(0);
        fieldLength = 0;
        fieldsEnded++;
    }

    /** A character of the record as written (a quote, a separator or data): counted, and kept in the raw text. */
    void consume(int c) {
        count(1);
        if (!keepingRaw) {
            return;
        }
        if (raw.length() < MAX_RAW_CHARS) {
            raw.append((char) c);
        }
        else {
            rawTruncated = true;
        }
    }

    /** A character of the field's value. */
    void append(char c) {
        if (tooLong) {
            return;
        }
        if (fieldLength < CsvRecordReader.MAX_FIELD_CHARS) {
            fieldLength++;
            if (fields != null) {
                field.append(c);
            }
        }
        else {
            fieldTooLong = true;
        }
    }

    /** A run of ordinary characters, consumed and appended to the field's value in one go: the hot path. */
    void run(char[] buffer, int start, int count) {
        count(count);
        if (!tooLong) {
            if (fieldLength + count <= CsvRecordReader.MAX_FIELD_CHARS) {
                fieldLength += count;
                if (fields != null) {
                    field.append(buffer, start, count);
                }
            }
            else {
                fieldTooLong = true;
            }
        }
        if (keepingRaw) {
            int room = MAX_RAW_CHARS - raw.length();
            raw.append(buffer, start, Math.min(count, Math.max(room, 0)));
            rawTruncated |= count > room;
        }
    }

    /** The record read, malformed by the first problem found while parsing or else by its size. */
    CsvRecord finish(int line, String parsingProblem) {
        endField();
        String malformation = parsingProblem;
        if (malformation == null && fieldTooLong) {
            malformation = "a field is longer than " + CsvRecordReader.MAX_FIELD_CHARS + " characters";
        }
        else if (malformation == null && tooLong) {
            malformation = "the record is longer than " + CsvRecordReader.MAX_RECORD_CHARS + " characters";
        }
        String rawText = !keepingRaw ? "" : rawTruncated ? raw.append("...(truncated)").toString() : raw.toString();
        if (fields != null) {
            lastFieldCount = Math.min(Math.max(fields.size(), 1), 64); // the next record's list, sized once
        }
        return new CsvRecord(line, fields == null ? List.of() : fields, rawText, malformation);
    }

    private void count(int chars) {
        length += chars;
        if (length > CsvRecordReader.MAX_RECORD_CHARS && !tooLong) {
            tooLong = true;
            fields = null;
            field.setLength(0);
        }
    }
}
