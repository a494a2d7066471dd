package com.marketplace.refunds.shared;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL COPY in its binary format, on the connection of the current transaction: each value sent as
 * the column's own bytes, which the server stores without parsing text. A million staged orders took the
 * server 2.3 s to read as CSV and 1.1 s as binary, a dense night's 1,259,638 decisions 1.3 s and 0.85 s (README,
 * "Measured"); the load of a night's orders is paced by the server. The load sends its rows straight to the server
 * ({@link #copyIn}), the decisions' parts spool theirs while their query still streams ({@link Spool}).
 * <p>
 * The columns' types are read from the catalog, so a value is always encoded as its column expects:
 * {@code text} and {@code character} (any value, as its text), {@code bigint} and {@code integer} (a
 * {@link Number}), {@code date} (a {@link LocalDate}), {@code boolean} and {@code timestamp with time zone}
 * (an {@link OffsetDateTime}, or ISO-8601 text with {@code Z} or an offset, as the intake's checks leave it; see
 * {@link #micros(String)}).
 * A column of any other type is refused before anything is sent.
 * <p>
 * Large reads go the other way ({@link #copyOut}): the server streams the rows of a query while the handler
 * works on the ones before, where a cursor's fetches leave it idle between them (a dense night's
 * {@code decisions.csv}, 1,259,638 rows: 4.0 s to 5.3 s -> 2.9 s to 3.5 s; README, "Measured").
 */
public final class PgBinaryCopy {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** 2000-01-01, where PostgreSQL counts dates and timestamps from. */
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long POSTGRES_EPOCH_SECOND = POSTGRES_EPOCH_DAY * 86_400;
    private static final int BUFFER = 1 << 16;

    private static final String COLUMN_TYPES = """
            SELECT format_type(a.atttypid, NULL) FROM unnest(CAST(:columns AS text[])) WITH ORDINALITY c (name, n)
              JOIN pg_attribute a ON a.attrelid = CAST(:table AS regclass) AND a.attname = c.name AND NOT a.attisdropped
             ORDER BY c.n
            """;

    private PgBinaryCopy() {
    }

    @FunctionalInterface
    public interface RowSource {
        void writeTo(Rows rows) throws IOException;
    }

    /** Runs {@code COPY <table> (<columns>) FROM STDIN (FORMAT binary)} with the rows given; returns the row count. */
    public static long copyIn(DataSource dataSource, String tableAndColumns, RowSource source) {
        Type[] types = typesOf(dataSource, tableAndColumns);
        return PgCopy.onConnection(dataSource, "into " + tableAndColumns, pg -> {
            CopyIn copy = pg.getCopyAPI().copyIn("COPY " + tableAndColumns + " FROM STDIN (FORMAT binary)");
            try {
                Rows rows = new Rows((bytes, length) -> {
                    try {
                        copy.writeToCopy(bytes, 0, length);
                    }
                    catch (SQLException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                }, types);
                source.writeTo(rows);
                rows.end();
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

    /** What takes each row of a {@link #copyOut}, its fields read in the query's order. */
    @FunctionalInterface
    public interface RowReader {
        void row(Fields fields) throws IOException;
    }

    /**
     * Runs {@code COPY (<query>) TO STDOUT (FORMAT binary)} on the connection of the current transaction and
     * hands each row to the reader as it arrives, in the query's order; returns the row count. The query
     * takes no parameters: give it only values of the application's own making (a date, a file name it
     * chose), as SQL literals. Failures are named by {@code what}, never by a row's values.
     */
    public static long copyOut(DataSource dataSource, String what, String query, RowReader reader) {
        return PgCopy.onConnection(dataSource, "of " + what, pg -> {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                    new PGCopyInputStream(pg, "COPY (" + query + ") TO STDOUT (FORMAT binary)"), BUFFER))) {
                byte[] signature = in.readNBytes(11);
                if (!Arrays.equals(signature, 0, 11, HEADER, 0, 11)) {
                    throw new IOException("not a binary COPY: " + what);
                }
                in.readInt(); // flags: no OIDs from a query
                in.skipNBytes(in.readInt()); // the header's extension, none today
                Fields fields = new Fields(in);
                long count = 0;
                for (short columns = in.readShort(); columns != -1; columns = in.readShort()) {
                    fields.left = columns;
                    reader.row(fields);
                    if (fields.left != 0) {
                        throw new IllegalStateException(what + ": a row of " + columns + " fields read as "
                                + (columns - fields.left));
                    }
                    count++;
                }
                // read to its end, so the COPY completes as it should (closing it earlier would cancel it)
                if (in.read() != -1) {
                    throw new IOException("data after the end of the binary COPY " + what);
                }
                return count;
            }
        });
    }

    /** The fields of one row of a binary COPY, each read once, in order; a SQL NULL is read as null. */
    public static final class Fields {

        private final DataInputStream in;
        private int left;

        private Fields(DataInputStream in) {
            this.in = in;
        }

        /** A {@code text}, {@code varchar} or {@code character} field. */
        public String text() throws IOException {
            int length = length();
            return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        /** A {@code bigint} field. */
        public Long int8() throws IOException {
            int length = length();
            if (length < 0) {
                return null;
            }
            if (length != Long.BYTES) {
                throw new IOException("a field of " + length + " bytes is not a bigint");
            }
            return in.readLong();
        }

        private int length() throws IOException {
            if (left-- <= 0) {
                throw new EOFException("no field left in the row");
            }
            return in.readInt();
        }
    }

    /** The type of each column named, from the catalog; a column of a type this copy cannot send is refused. */
    private static Type[] typesOf(DataSource dataSource, String tableAndColumns) {
        int open = tableAndColumns.indexOf('(');
        String table = tableAndColumns.substring(0, open).trim();
        List<String> columns = Arrays.stream(tableAndColumns.substring(open + 1, tableAndColumns.lastIndexOf(')')).split(","))
                .map(String::trim).toList();
        List<String> types = JdbcClient.create(dataSource).sql(COLUMN_TYPES).param("columns", columns.toArray(String[]::new))
                .param("table", table).query(String.class).list();
        if (types.size() != columns.size()) {
            throw new IllegalArgumentException("COPY into " + tableAndColumns + ": not every column is in " + table);
        }
        Type[] encoders = new Type[types.size()];
        for (int i = 0; i < encoders.length; i++) {
            encoders[i] = Type.of(types.get(i), table + "." + columns.get(i));
        }
        return encoders;
    }

    /**
     * Rows kept in a temporary file in COPY's binary format while a query still streams on the transaction's
     * connection (a COPY cannot run beside it), then copied into their table in one COPY, as {@link PgCopy.Spool}
     * does in CSV. Its columns' types are read when it is made.
     */
    public static final class Spool implements Closeable {

        private final ScratchFile file;
        private final String tableAndColumns;
        private final Rows rows;

        private Spool(ScratchFile file, String tableAndColumns, Type[] types) {
            this.file = file;
            this.tableAndColumns = tableAndColumns;
            this.rows = new Rows(file::write, types);
        }

        /** A new, empty spool for {@code tableAndColumns}; {@code name} starts its file's name. */
        public static Spool create(String name, DataSource dataSource, String tableAndColumns) throws IOException {
            Type[] types = typesOf(dataSource, tableAndColumns);
            return new Spool(ScratchFile.create(name), tableAndColumns, types);
        }

        public Rows rows() {
            return rows;
        }

        /** Copies every row written into its table (once); returns how many. */
        public long copyInto(DataSource dataSource) {
            return PgCopy.onConnection(dataSource, "into " + tableAndColumns, pg -> {
                rows.end();
                try (InputStream in = file.rewound()) {
                    pg.getCopyAPI().copyIn("COPY " + tableAndColumns + " FROM STDIN (FORMAT binary)", in, BUFFER);
                }
                return rows.count;
            });
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    /**
     * Microseconds from 2000-01-01T00:00:00Z to the instant an ISO-8601 text with an offset names, as
     * PostgreSQL's {@code timestamptz} input reads it: a fraction of a second rounded to the microsecond
     * the way the server rounds it (the fraction read as a double, times a million, {@code rint}: a time, never
     * money, and the double only to round exactly as PostgreSQL does).
     */
    static long micros(String text) {
        int length = text.length();
        if ((length == 20 || length == 25) && text.charAt(10) == 'T' && text.charAt(19) != '.') {
            long seconds = LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2),
                    digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2)).toEpochSecond(ZoneOffset.UTC);
            if (length == 25) {
                int offset = digits(text, 20, 2) * 3600 + digits(text, 23, 2) * 60;
                seconds -= text.charAt(19) == '-' ? -offset : offset;
            }
            return (seconds - POSTGRES_EPOCH_SECOND) * 1_000_000;
        }
        OffsetDateTime parsed = OffsetDateTime.parse(text);
        long seconds = parsed.withNano(0).toEpochSecond();
        int dot = text.indexOf('.');
        long fraction = 0;
        if (dot >= 0) {
            int end = dot + 1;
            while (end < length && Character.isDigit(text.charAt(end))) {
                end++;
            }
            fraction = (long) Math.rint(Double.parseDouble("0" + text.substring(dot, end)) * 1_000_000);
        }
        return (seconds - POSTGRES_EPOCH_SECOND) * 1_000_000 + fraction;
    }

    /** The same for a time read from PostgreSQL, which holds whole microseconds. */
    static long micros(OffsetDateTime time) {
        return (time.toEpochSecond() - POSTGRES_EPOCH_SECOND) * 1_000_000 + time.getNano() / 1_000;
    }

    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not an ISO-8601 timestamp: " + text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** How a value is sent for each column type this copy takes. */
    private enum Type {
        TEXT, BIGINT, INTEGER, DATE, BOOLEAN, TIMESTAMPTZ;

        static Type of(String postgresType, String column) {
            return switch (postgresType) {
                case "text", "character", "character varying" -> TEXT;
                case "bigint" -> BIGINT;
                case "integer" -> INTEGER;
                case "date" -> DATE;
                case "boolean" -> BOOLEAN;
                case "timestamp with time zone" -> TIMESTAMPTZ;
                default -> throw new IllegalArgumentException("binary COPY does not send " + postgresType + " (" + column + ")");
            };
        }
    }

    /** Where the blocks of rows go: the server, or a spool's file. */
    @FunctionalInterface
    private interface Sink {
        void write(byte[] bytes, int length) throws IOException;
    }

    /** Writes rows in COPY's binary format, gathered in a buffer handed on a block at a time. */
    public static final class Rows {

        private final Sink sink;
        private final Type[] types;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        private long count;
        private boolean ended;

        private Rows(Sink sink, Type[] types) {
            this.sink = sink;
            this.types = types;
            buffer.put(HEADER);
        }

        /** One row, a value for each column in the order given (null for none). */
        public void row(Object... values) throws IOException {
            if (ended) {
                throw new IllegalStateException("a row after these rows were copied");
            }
            if (values.length != types.length) {
                throw new IllegalArgumentException("a row of " + values.length + " values for " + types.length + " columns");
            }
            room(2);
            buffer.putShort((short) values.length);
            for (int i = 0; i < values.length; i++) {
                write(types[i], values[i]);
            }
            count++;
        }

        private void write(Type type, Object value) throws IOException {
            if (value == null) {
                room(4);
                buffer.putInt(-1);
                return;
            }
            switch (type) {
                case TEXT -> {
                    byte[] bytes = value.toString().getBytes(StandardCharsets.UTF_8);
                    room(4);
                    buffer.putInt(bytes.length);
                    put(bytes);
                }
                case BIGINT -> {
                    room(12);
                    buffer.putInt(8).putLong(((Number) value).longValue());
                }
                case INTEGER -> {
                    room(8);
                    buffer.putInt(4).putInt(((Number) value).intValue());
                }
                case DATE -> {
                    room(8);
                    buffer.putInt(4).putInt(Math.toIntExact(((LocalDate) value).toEpochDay() - POSTGRES_EPOCH_DAY));
                }
                case BOOLEAN -> {
                    room(5);
                    buffer.putInt(1).put((byte) ((Boolean) value ? 1 : 0));
                }
                case TIMESTAMPTZ -> {
                    room(12);
                    long micros = value instanceof OffsetDateTime time ? micros(time) : micros(value.toString());
                    buffer.putInt(8).putLong(micros);
                }
            }
        }

        private void put(byte[] bytes) throws IOException {
            int offset = 0;
            while (offset < bytes.length) {
                room(1);
                int n = Math.min(buffer.remaining(), bytes.length - offset);
                buffer.put(bytes, offset, n);
                offset += n;
            }
        }

        private void room(int bytes) throws IOException {
            if (buffer.remaining() < bytes) {
                drain();
            }
        }

        private void drain() throws IOException {
            sink.write(buffer.array(), buffer.position());
            buffer.clear();
        }

        private void end() throws IOException {
            if (ended) {
                throw new IllegalStateException("these rows were copied already");
            }
            ended = true;
            room(2);
            buffer.putShort((short) -1);
            drain();
        }

        public long count() {
            return count;
        }
    }
}
