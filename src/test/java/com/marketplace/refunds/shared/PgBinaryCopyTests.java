package com.marketplace.refunds.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.marketplace.refunds.support.TestDatabase;

/**
 * Rows sent in COPY's binary format land in PostgreSQL exactly as the same rows sent as CSV, which the server
 * parses itself: every type the load sends, nulls, text of any kind, and timestamps with offsets, fractions of a
 * second up to nine digits (rounded to the microsecond as the server rounds them) and years from 1 to 9999.
 */
class PgBinaryCopyTests {

    private static final SingleConnectionDataSource DATABASE = new SingleConnectionDataSource(
            TestDatabase.freshFor(PgBinaryCopyTests.class), TestDatabase.USER, "", true);
    private static final JdbcClient JDBC = JdbcClient.create(DATABASE);
    private static final String COLUMNS = "(line_no, amount, drop_date, flag, code, label, at)";

    @BeforeEach
    void tables() {
        for (String table : List.of("sent_binary", "sent_csv")) {
            JDBC.sql("DROP TABLE IF EXISTS " + table).update();
            JDBC.sql("CREATE TABLE " + table + """
                     (line_no integer, amount bigint, drop_date date, flag boolean, code character(3), label text,
                      at timestamp with time zone, at_text text)""").update();
        }
    }

    @AfterAll
    static void close() {
        DATABASE.destroy();
    }

    @Test
    void rowsSentAsBinaryEqualTheSameRowsSentAsCsv() {
        List<Object[]> rows = rows(20_000);

        long binary = PgBinaryCopy.copyIn(DATABASE, "sent_binary " + COLUMNS, out -> {
            for (Object[] row : rows) {
                out.row(row);
            }
        });

        assertThat(binary).isEqualTo(rows.size());
        assertSentAlikeAsCsv(rows);
    }

    @Test
    void rowsSpooledAsBinaryEqualTheSameRowsSentAsCsv() throws IOException {
        List<Object[]> rows = rows(5_000);

        long spooled;
        try (PgBinaryCopy.Spool spool = PgBinaryCopy.Spool.create("binary-test", DATABASE, "sent_binary " + COLUMNS)) {
            for (Object[] row : rows) {
                spool.rows().row(row);
            }
            spooled = spool.copyInto(DATABASE);
            assertThatThrownBy(() -> spool.rows().row(rows.get(0))).as("no row after the copy")
                    .isInstanceOf(IllegalStateException.class);
        }

        assertThat(spooled).isEqualTo(rows.size());
        assertSentAlikeAsCsv(rows);
    }

    /** The same rows sent as CSV into sent_csv: both tables hold the same rows, timestamps included. */
    private static void assertSentAlikeAsCsv(List<Object[]> rows) {
        PgCopy.copyIn(DATABASE, "sent_csv " + COLUMNS, out -> {
            for (Object[] row : rows) {
                out.row(row);
            }
        });
        JDBC.sql("UPDATE sent_binary SET at_text = at::text").update();
        JDBC.sql("UPDATE sent_csv SET at_text = at::text").update();

        assertThat(JDBC.sql("SELECT count(*) FROM sent_binary").query(Long.class).single()).isEqualTo(rows.size());
        assertThat(JDBC.sql("""
                SELECT count(*) FROM ((SELECT * FROM sent_binary EXCEPT ALL SELECT * FROM sent_csv)
                                      UNION ALL (SELECT * FROM sent_csv EXCEPT ALL SELECT * FROM sent_binary)) d
                """).query(Long.class).single()).isZero();
        assertThat(JDBC.sql("SELECT count(*) FROM sent_binary WHERE at IS NULL").query(Long.class).single())
                .as("some timestamps are null, not all").isBetween(1L, rows.size() / 5L);
    }

    private static List<Object[]> rows(int count) {
        Random random = new Random(20261204);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {i % 7 == 0 ? null : random.nextInt(), random.nextLong(), LocalDate.ofEpochDay(random.nextInt(-700_000, 2_900_000)),
                    random.nextBoolean(), random.nextInt(9) == 0 ? null : "USD", label(random), timestamp(random)});
        }
        return rows;
    }

    @Test
    void aFractionOfASecondIsRoundedAsTheServerRoundsIt() throws IOException {
        List<String> texts = List.of("2026-11-25T10:15:00.0000005Z", "2026-11-25T10:15:00.0000015Z", "2026-11-25T10:15:00.9999995Z",
                "2026-11-25T23:59:59.99999951+01:00", "1999-12-31T23:59:59.5000005Z", "0001-01-01T00:00:00.000000499Z",
                "9999-12-31T23:59:59.999999Z");
        List<Object[]> rows = texts.stream().map(text -> new Object[] {1, 1L, LocalDate.EPOCH, true, "EUR", text, text}).toList();

        PgBinaryCopy.copyIn(DATABASE, "sent_binary " + COLUMNS, out -> {
            for (Object[] row : rows) {
                out.row(row);
            }
        });

        assertThat(JDBC.sql("SELECT count(*) FROM sent_binary WHERE at = CAST(label AS timestamptz)").query(Long.class).single())
                .isEqualTo(texts.size());
    }

    @Test
    void aTimeReadFromTheServerGoesBackAsTheSameInstant() {
        List<String> texts = List.of("2026-11-25T10:15:00Z", "2026-11-25T10:15:00.000001Z", "1999-12-31T23:59:59.999999Z",
                "2000-01-01T00:00:00Z", "1969-07-20T20:17:40.5+01:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z");
        List<OffsetDateTime> read = texts.stream().map(text -> JDBC.sql("SELECT CAST(:t AS timestamptz)").param("t", text)
                .query(OffsetDateTime.class).single()).toList();

        PgBinaryCopy.copyIn(DATABASE, "sent_binary " + COLUMNS, out -> {
            for (int i = 0; i < texts.size(); i++) {
                out.row(i, 1L, LocalDate.EPOCH, true, "EUR", texts.get(i), read.get(i));
            }
        });

        assertThat(JDBC.sql("SELECT count(*) FROM sent_binary WHERE at = CAST(label AS timestamptz)").query(Long.class).single())
                .isEqualTo(texts.size());
    }

    @Test
    void anOffsetBeyondWhatTheServerParsesIsTheInstantItNames() {
        // ISO-8601 and the intake's check take offsets up to 18:00; PostgreSQL's text input stops at 15:59, so a
        // drop's row at +17:00 made the COPY of the whole file fail while it was sent as text
        PgBinaryCopy.copyIn(DATABASE, "sent_binary " + COLUMNS, out -> out.row(1, 1L, LocalDate.EPOCH, true, "EUR",
                "+17:00", "2026-11-25T10:15:00+17:00"));

        assertThat(JDBC.sql("SELECT at = CAST('2026-11-24T17:15:00Z' AS timestamptz) FROM sent_binary").query(Boolean.class)
                .single()).isTrue();
    }

    @Test
    void aColumnOfATypeItCannotSendIsRefusedBeforeAnyRow() {
        JDBC.sql("CREATE TABLE IF NOT EXISTS other (amount numeric)").update();

        assertThatThrownBy(() -> PgBinaryCopy.copyIn(DATABASE, "other (amount)", out -> out.row(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numeric (other.amount)");
    }

    @Test
    void rowsCopiedOutAsBinaryAreTheRowsTheServerHoldsInTheQuerysOrder() {
        List<Object[]> rows = rows(20_000);
        PgBinaryCopy.copyIn(DATABASE, "sent_binary " + COLUMNS, out -> {
            for (Object[] row : rows) {
                out.row(row);
            }
        });
        List<List<Object>> expected = new ArrayList<>();
        JDBC.sql("SELECT amount, code, label FROM sent_binary ORDER BY amount DESC").query(row -> {
            expected.add(Arrays.asList(row.getObject("amount", Long.class), row.getString("code"), row.getString("label")));
        });

        List<List<Object>> read = new ArrayList<>();
        long count = PgBinaryCopy.copyOut(DATABASE, "test rows", "SELECT amount, code, label FROM sent_binary ORDER BY amount DESC",
                fields -> read.add(Arrays.asList(fields.int8(), fields.text(), fields.text())));

        assertThat(count).isEqualTo(rows.size());
        assertThat(read).isEqualTo(expected);
        assertThat(read).as("nulls, empty and long text, text beyond ASCII among them")
                .anyMatch(row -> row.get(2) == null).anyMatch(row -> "".equals(row.get(2)))
                .anyMatch(row -> row.get(1) == null).anyMatch(row -> String.valueOf(row.get(2)).startsWith("é€😀"));
        assertThat(JDBC.sql("SELECT count(*) FROM sent_binary").query(Long.class).single())
                .as("the connection goes on after the copy").isEqualTo(rows.size());
    }

    @Test
    void aReaderThatReadsMoreOrFewerFieldsThanARowHoldsFailsTheCopyAndTheConnectionGoesOn() {
        PgBinaryCopy.copyIn(DATABASE, "sent_binary " + COLUMNS, out -> out.row(1, 1L, LocalDate.EPOCH, true, "EUR", "a", null));

        assertThatThrownBy(() -> PgBinaryCopy.copyOut(DATABASE, "test rows", "SELECT amount, label FROM sent_binary",
                fields -> fields.int8())).isInstanceOf(IllegalStateException.class)
                .hasMessage("test rows: a row of 2 fields read as 1");
        assertThatThrownBy(() -> PgBinaryCopy.copyOut(DATABASE, "test rows", "SELECT amount FROM sent_binary",
                fields -> {
                    fields.int8();
                    fields.text();
                })).hasMessageContaining("COPY of test rows failed");
        assertThat(JDBC.sql("SELECT label FROM sent_binary").query(String.class).single()).isEqualTo("a");
    }

    /** Text of every kind COPY's CSV must quote, empty text, none, and text beyond ASCII. */
    private static String label(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "a,b \"quoted\"\nnext line\r";
            case 3 -> "é€😀 " + random.nextInt(1000);
            case 4 -> "x".repeat(random.nextInt(70_000));
            default -> "O-" + random.nextInt(1_000_000);
        };
    }

    /** The shapes the intake's timestamp check leaves: seconds with Z or an offset, or an instant with a fraction. */
    private static String timestamp(Random random) {
        if (random.nextInt(10) == 0) {
            return null;
        }
        int year = 2 + random.nextInt(9997);
        String date = "%04d-%02d-%02dT%02d:%02d:%02d".formatted(year, 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(60));
        return switch (random.nextInt(4)) {
            case 0 -> date + "Z";
            case 1 -> {
                int minutes = random.nextInt(16 * 60); // the server's own parser takes offsets up to 15:59 only
                yield date + (random.nextBoolean() ? "+" : "-") + "%02d:%02d".formatted(minutes / 60, minutes % 60);
            }
            case 2 -> date + "." + "%09d".formatted(random.nextInt(1_000_000_000)).substring(0, 1 + random.nextInt(9)) + "Z";
            default -> date + "." + "%03d".formatted(random.nextInt(1000)) + "+05:30";
        };
    }
}
