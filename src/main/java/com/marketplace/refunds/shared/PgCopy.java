package com.marketplace.refunds.shared;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * PostgreSQL COPY on the connection of the current transaction: the fast way to move many rows,
 * instead of one statement per row. Rows are written in COPY's CSV format, null as an empty cell.
 */
public final class PgCopy {

    private PgCopy() {
    }

    @FunctionalInterface
    public interface RowSource {
        void writeTo(CopyRows rows) throws IOException;
    }

    /** Runs {@code COPY <table> (<columns>) FROM STDIN (FORMAT csv)} with the rows given; returns the row count. */
    public static long copyIn(DataSource dataSource, String tableAndColumns, RowSource source) {
        return onConnection(dataSource, "into " + tableAndColumns, pg -> {
            PGCopyOutputStream copy = new PGCopyOutputStream(pg, "COPY " + tableAndColumns + " FROM STDIN (FORMAT csv)", 1 << 16);
            try {
                CopyRows rows = new CopyRows(new OutputStreamWriter(copy, StandardCharsets.UTF_8)); // it buffers itself
                source.writeTo(rows);
                rows.flush();
                copy.endCopy();
                return rows.count;
            }
            finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        });
    }

    /** Runs {@code COPY ... FROM STDIN} from bytes already in COPY CSV form. */
    public static long copyIn(DataSource dataSource, String tableAndColumns, InputStream csv) {
        return onConnection(dataSource, "into " + tableAndColumns,
                pg -> pg.getCopyAPI().copyIn("COPY " + tableAndColumns + " FROM STDIN (FORMAT csv)", csv, 1 << 16));
    }

    @FunctionalInterface
    interface Copy {
        long run(PGConnection pg) throws SQLException, IOException;
    }

    /**
     * A COPY on the connection of the current transaction, its failure named by what it copies ("into" a table,
     * or "of" a report's rows), never by its rows.
     */
    static long onConnection(DataSource dataSource, String copied, Copy copy) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return copy.run(connection.unwrap(PGConnection.class));
        }
        catch (SQLException e) {
            throw new IllegalStateException("COPY " + copied + " failed: " + e.getMessage(), e);
        }
        catch (IOException e) {
            throw new UncheckedIOException("COPY " + copied + " failed", e);
        }
        finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Rows kept in a temporary file while a query still streams on the transaction's connection (a COPY
     * cannot run beside it), then copied into their table in one COPY; memory stays constant whatever
     * the number of rows. The file is a {@link ScratchFile}: never left on disk, even by a run killed
     * while it spools.
     */
    public static final class Spool implements Closeable {

        private final ScratchFile file;
        private final CopyRows rows;

        private Spool(ScratchFile file) {
            this.file = file;
            this.rows = new CopyRows(file.writer());
        }

        /** A new, empty spool; {@code name} starts its file's name. */
        public static Spool create(String name) throws IOException {
            return new Spool(ScratchFile.create(name));
        }

        public CopyRows rows() {
            return rows;
        }

        /** Copies every row written so far into {@code tableAndColumns}; returns how many. */
        public long copyInto(DataSource dataSource, String tableAndColumns) {
            try {
                rows.flush();
            }
            catch (IOException e) {
                throw new UncheckedIOException("COPY into " + tableAndColumns + " failed", e);
            }
            try (InputStream in = file.rewound()) {
                copyIn(dataSource, tableAndColumns, in);
                return rows.count;
            }
            catch (IOException e) {
                throw new UncheckedIOException("COPY into " + tableAndColumns + " failed", e);
            }
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    /**
     * Writes rows in COPY's CSV format. The rows gather in a buffer of its own, handed to the writer a block at a
     * time ({@link #flush()} hands over the rest): a million staged orders are about twenty million separators and
     * values, and a {@link Writer} takes its lock on each call, which made a fifth of the load's Java time (JFR,
     * README "Measured").
     */
    public static final class CopyRows {

        private final Writer out;
        private final char[] buffer = new char[1 << 13];
        private int used;
        private long count;

        public CopyRows(Writer out) {
            this.out = out;
        }

        public void row(Object... values) throws IOException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    put(',');
                }
                if (values[i] != null) {
                    writeValue(values[i].toString());
                }
            }
            put('\n');
            count++;
        }

        private void writeValue(String value) throws IOException {
            boolean quote = value.isEmpty();
            for (int i = 0; i < value.length() && !quote; i++) {
                char c = value.charAt(i);
                quote = c == ',' || c == '"' || c == '\n' || c == '\r';
            }
            if (!quote) {
                put(value);
                return;
            }
            put('"');
            put(value.replace("\"", "\"\""));
            put('"');
        }

        private void put(char c) throws IOException {
            if (used == buffer.length) {
                drain();
            }
            buffer[used++] = c;
        }

        private void put(String text) throws IOException {
            int length = text.length();
            if (length > buffer.length - used) {
                drain();
                if (length > buffer.length) {
                    out.write(text);
                    return;
                }
            }
            text.getChars(0, length, buffer, used);
            used += length;
        }

        private void drain() throws IOException {
            out.write(buffer, 0, used);
            used = 0;
        }

        /** Hands every row written so far to the writer, and flushes it. */
        public void flush() throws IOException {
            drain();
            out.flush();
        }

        public long count() {
            return count;
        }
    }
}
