package com.marketplace.refunds.shared;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;

/**
 * Writes a report CSV as the contract wants it: UTF-8 without BOM, {@code \n} line endings, fields
 * quoted only when needed, text cells that a spreadsheet would run neutralised with a leading
 * apostrophe. The file appears under its final name only once complete, readable by its owner only.
 */
public final class ReportCsv {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final Path target;
    private final Path partial;
    private final ICSVWriter csv;
    private long rows;

    private ReportCsv(Path target, String... header) throws IOException {
        OwnerOnly.folders(target.getParent());
        this.target = target;
        this.partial = target.resolveSibling(target.getFileName() + ".partial");
        this.csv = csvWriter(new BufferedWriter(Channels.newWriter(OwnerOnly.newFile(partial), StandardCharsets.UTF_8),
                1 << 16));
        csv.writeNext(header, false);
    }

    private ReportCsv(Writer out, String... header) {
        this.target = null;
        this.partial = null;
        this.csv = csvWriter(out);
        csv.writeNext(header, false);
    }

    private static ICSVWriter csvWriter(Writer out) {
        return new CSVWriter(out, ',', '"', '"', "\n");
    }

    /** The same CSV, to a stream (the command line's standard output); returns the row count. */
    public static long print(Writer out, String[] header, Body body) throws IOException {
        ReportCsv report = new ReportCsv(out, header);
        body.writeRows(report);
        report.csv.flush();
        return report.rows;
    }

    /** What writes the rows of one report. */
    @FunctionalInterface
    public interface Body {
        void writeRows(ReportCsv csv) throws IOException;
    }

    /**
     * Writes the report and publishes it under its final name, only if every row was written; on
     * any failure the partial file is removed and the failure goes on. Returns the row count.
     */
    public static long write(Path target, String[] header, Body body) {
        ReportCsv report;
        try {
            report = new ReportCsv(target, header);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        try {
            body.writeRows(report);
            report.publish();
            return report.rows;
        }
        catch (IOException | RuntimeException e) {
            report.discard();
            throw e instanceof IOException io ? new UncheckedIOException("cannot write " + target, io)
                    : (RuntimeException) e;
        }
    }

    /** One row; null is an empty cell. */
    public void row(String... cells) {
        String[] safe = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = neutralise(cells[i]);
        }
        csv.writeNext(safe, false);
        rows++;
    }

    public long rows() {
        return rows;
    }

    /**
     * The cell, with a leading apostrophe when a spreadsheet would run it: it starts with {@code = + - @},
     * a tab or a carriage return and is not a number (a negative amount stays a number). Only such a cell
     * is matched against the number pattern: a dense night's decisions report has eleven million cells.
     */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        boolean runnable = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return runnable && !NUMBER.matcher(cell).matches() ? "'" + cell : cell;
    }

    private void publish() throws IOException {
        csv.flush();
        if (csv.checkError()) {
            throw new IOException("writing " + partial + " failed", csv.getException());
        }
        csv.close();
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void discard() {
        try {
            csv.close();
        }
        catch (IOException ignored) {
            // the first failure is the one that matters
        }
        try {
            Files.deleteIfExists(partial);
        }
        catch (IOException ignored) {
            // a leftover .partial is never mistaken for a report
        }
    }
}
