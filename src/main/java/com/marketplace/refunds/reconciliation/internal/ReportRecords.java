package com.marketplace.refunds.reconciliation.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.marketplace.refunds.shared.InboxText;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvMultilineLimitBrokenException;

/**
 * The RFC 4180 records of one report, strict UTF-8, a leading byte-order mark skipped and blank
 * lines skipped, each with the physical line where it starts: a quoted field may span lines, so
 * the line is counted by the CSV reader, never by records. Whatever cannot be read becomes a
 * {@link ReportUnreadableException} naming the file and the line. A line is bounded while it is read
 * ({@link BoundedLines}), a record by {@link #MAX_LINES_PER_RECORD} lines.
 */
final class ReportRecords implements AutoCloseable {

    /** No field of either layout spans lines; a record running this long is an unclosed quote. */
    private static final int MAX_LINES_PER_RECORD = 100;

    private final Path file;
    private final String reportFile;
    private final CSVReader csv;
    private int line = 1;
    private int lastLine;

    private ReportRecords(Path file, CSVReader csv) {
        this.file = file;
        this.reportFile = file.getFileName().toString();
        this.csv = csv;
    }

    static ReportRecords open(Path file) {
        BufferedReader text;
        try {
            text = new BufferedReader(new BoundedLines(InboxText.reader(Files.newInputStream(file))));
        }
        catch (IOException e) {
            throw new ReportUnreadableException(file.getFileName().toString(), 1, "the file cannot be opened ("
                    + e.getClass().getSimpleName() + ")", null);
        }
        return new ReportRecords(file, new CSVReaderBuilder(text)
                .withCSVParser(new RFC4180ParserBuilder().build())
                .withMultilineLimit(MAX_LINES_PER_RECORD)
                .build());
    }

    /** The next record that is not a blank line, or null at the end of the file. */
    String[] next() {
        while (true) {
            String[] record = readRecord();
            if (record == null || !(record.length == 1 && record[0].isBlank())) {
                return record;
            }
        }
    }

    private String[] readRecord() {
        line = (int) csv.getLinesRead() + 1;
        try {
            String[] record = csv.readNext();
            lastLine = (int) csv.getLinesRead();
            return record;
        }
        catch (IOException e) {
            throw failure(e);
        }
        catch (CsvException e) {
            // the parser's own message may quote the line: never repeated, it could hold a card number
            throw unreadable("the record cannot be read as CSV (" + e.getClass().getSimpleName() + ")");
        }
    }

    private ReportUnreadableException failure(IOException e) {
        if (e instanceof CsvMultilineLimitBrokenException) {
            return unreadable("a quoted field is not closed within " + MAX_LINES_PER_RECORD + " lines");
        }
        if (e instanceof BoundedLines.LineTooLongException) {
            return unreadable("the line is longer than " + BoundedLines.MAX_LINE_CHARS + " characters");
        }
        if (e instanceof CsvMalformedLineException) {
            return unreadable("a quoted field is not closed before the end of the file");
        }
        if (e instanceof CharacterCodingException) {
            return notUtf8(e);
        }
        return new ReportUnreadableException(reportFile, line, "the file cannot be read ("
                + e.getClass().getSimpleName() + ")", null);
    }

    /** The physical line where the record last returned starts. */
    int line() {
        return line;
    }

    private String span() {
        return lastLine > line ? "the record runs from line " + line + " to line " + lastLine
                + " (a stray quote joins lines)" : "";
    }

    String reportFile() {
        return reportFile;
    }

    ReportUnreadableException unreadable(String problem) {
        return new ReportUnreadableException(reportFile, line, problem);
    }

    /** The record has as many fields as its header. */
    void requireFieldCount(String[] record, ReportColumns columns, String header) {
        if (record.length != columns.count()) {
            String span = span();
            throw unreadable(record.length + " fields where " + header + " has " + columns.count()
                    + (span.isEmpty() ? "" : "; " + span));
        }
    }

    /**
     * The decoder reads ahead, so the line of a bad byte is found again by decoding the bytes
     * with a line count: the operator gets the line to look at.
     */
    private ReportUnreadableException notUtf8(IOException cause) {
        int badLine;
        try (InputStream bytes = Files.newInputStream(file)) {
            badLine = LineOfBadUtf8.find(bytes);
        }
        catch (IOException e) {
            badLine = line;
        }
        return new ReportUnreadableException(reportFile, badLine, "the text is not valid UTF-8", cause);
    }

    @Override
    public void close() {
        try {
            csv.close();
        }
        catch (IOException ignored) {
            // read-only: nothing is lost when closing fails
        }
    }
}
