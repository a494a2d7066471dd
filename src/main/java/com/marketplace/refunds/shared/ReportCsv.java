package com.marketplace.refunds.shared;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * apostrophe. The file appears under its final name only once complete.
 */
public final class ReportCsv implements AutoCloseable {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final Path target;
    private final Path partial;
    private final ICSVWriter csv;
    private long rows;

    private ReportCsv(Path target, String... header) throws IOException {
        Files.createDirectories(target.getParent());
        this.target = target;
        this.partial = target.resolveSibling(target.getFileName() + ".partial");
        BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
        this.csv = new CSVWriter(out, ',', '"', '"', "\n");
        csv.writeNext(header, false);
    }

    public static ReportCsv create(Path target, String... header) {
        try {
            return new ReportCsv(target, header);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
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

    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty() || NUMBER.matcher(cell).matches()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    @Override
    public void close() {
        try {
            csv.close();
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
