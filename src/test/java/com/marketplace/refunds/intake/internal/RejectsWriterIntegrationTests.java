package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.support.Databases;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.Tasklets;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The rejects files on PostgreSQL (issue 14: each set-based piece tested on its own): from the bad rows
 * staged in stage_reject and the extract read again for their raw text, one file per extract that has
 * any, byte for byte as the contract gives it ({@code line,reason,raw}, card numbers masked).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RejectsWriterIntegrationTests {

    private static final String DATABASE = TestDatabase.freshFor(RejectsWriterIntegrationTests.class);
    private static final LocalDate NOV_11 = LocalDate.parse("2026-11-11");
    private static final LocalDate NOV_12 = LocalDate.parse("2026-11-12");
    private static final String TAIL = ",USD,20.00,0.00,2026-11-01T10:00:00Z,2026-11-20T10:00:00Z,,,,true,2027-01-30T00:00:00Z";

    @TempDir
    Path folder;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    Tasklets tasklets;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @BeforeEach
    void emptyDatabase() {
        Databases.reset(dataSource);
        tasklets = new Tasklets(dataSource, transactionManager, folder);
    }

    @Test
    void writesEachBadRowByLineWithItsReasonAndItsRawRecordMasked() throws IOException {
        // given an extract whose record on line 4 spans two lines, and its bad rows staged out of order
        Drops.write(tasklets.inbox(), NOV_12.toString(), Map.of("orders.csv", List.of(
                "O-1,S-1,B-1,CARD,psp-1" + TAIL,
                "O-2,S-1,,CARD,4111111111111111" + TAIL,
                "\"O-3 \"\"the, first\"\"\",S-1,B-1,CARD,\"psp-3\nsecond line\"" + TAIL,
                "=O-6,S-1,B-1,CARD,psp-6" + TAIL,
                "O-7,S-1,B-Müller,CARD,psp-7" + TAIL)));
        reject(NOV_12, "orders.csv", 7, "buyer_id, a reason with a comma");
        reject(NOV_12, "orders.csv", 3, "missing required value: buyer_id");
        reject(NOV_12, "orders.csv", 6, "-a reason a spreadsheet would run");
        reject(NOV_12, "orders.csv", 4, "a record on two lines");

        write(NOV_12);

        Path file = rejectsFolder().resolve("orders.csv.rejects.csv");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).as("UTF-8 without a byte-order mark")
                .isEqualTo("line,reason,raw\n"
                + "3,missing required value: buyer_id,\"O-2,S-1,,CARD,************1111" + TAIL + "\"\n"
                + "4,a record on two lines,\"\"\"O-3 \"\"\"\"the, first\"\"\"\"\"\",S-1,B-1,CARD,\"\"psp-3\n"
                + "second line\"\"" + TAIL + "\"\n"
                + "6,'-a reason a spreadsheet would run,\"'=O-6,S-1,B-1,CARD,psp-6" + TAIL + "\"\n"
                + "7,\"buyer_id, a reason with a comma\",\"O-7,S-1,B-Müller,CARD,psp-7" + TAIL + "\"\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void writesAFileOnlyForExtractsWithBadRowsAndRemovesOneAnEarlierAttemptLeft() throws IOException {
        Drops.write(tasklets.inbox(), NOV_12.toString(), Map.of(
                "cancellations.csv", List.of("C-1,O-1,2026-11-05T09:00:00Z,", "C-1,O-2,2026-11-05T09:00:00Z,"),
                "free_returns.csv", List.of("R-1,O-1,2026-11-06T09:00:00Z,")));
        reject(NOV_12, "cancellations.csv", 3, "cancellation_id repeats the one on line 2 of this file");
        Files.createDirectories(rejectsFolder());
        Files.writeString(rejectsFolder().resolve("free_returns.csv.rejects.csv"), "line,reason,raw\n2,earlier,x\n");

        write(NOV_12);

        assertThat(Files.readString(rejectsFolder().resolve("cancellations.csv.rejects.csv"))).isEqualTo(
                "line,reason,raw\n3,cancellation_id repeats the one on line 2 of this file,\"C-1,O-2,2026-11-05T09:00:00Z,\"\n");
        try (var files = Files.list(rejectsFolder())) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("cancellations.csv.rejects.csv");
        }
    }

    @Test
    void writesALateDropsBadRowsUnderItsDateWithTheRawTextOfItsOwnFile() throws IOException {
        Drops.write(tasklets.inbox(), NOV_11.toString(), Map.of("orders.csv", List.of("O-1,S-1,,CARD,psp-late" + TAIL)));
        Drops.write(tasklets.inbox(), NOV_12.toString(), Map.of("orders.csv", List.of("O-1,S-1,B-1,CARD,psp-own" + TAIL,
                "O-2,S-1,,CARD,psp-own" + TAIL)));
        reject(NOV_11, "orders.csv", 2, "missing required value: buyer_id");
        reject(NOV_12, "orders.csv", 3, "missing required value: buyer_id");

        write(NOV_12, NOV_11);

        assertThat(Files.readString(rejectsFolder().resolve("2026-11-11").resolve("orders.csv.rejects.csv"))).isEqualTo(
                "line,reason,raw\n2,missing required value: buyer_id,\"O-1,S-1,,CARD,psp-late" + TAIL + "\"\n");
        assertThat(Files.readString(rejectsFolder().resolve("orders.csv.rejects.csv"))).isEqualTo(
                "line,reason,raw\n3,missing required value: buyer_id,\"O-2,S-1,,CARD,psp-own" + TAIL + "\"\n");
    }

    /** The rejects of the run of the date (carrying these late drops), in one transaction as in the merge. */
    private void write(LocalDate date, LocalDate... carried) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> new RejectsWriter(jdbc)
                .write(tasklets.run(date, carried)));
    }

    private Path rejectsFolder() {
        return tasklets.reports().resolve(NOV_12.toString()).resolve("rejects");
    }

    private void reject(LocalDate dropDate, String file, int line, String reason) {
        jdbc.sql("INSERT INTO stage_reject (drop_date, file, line_no, reason) VALUES (:d, :file, :line, :reason)")
                .param("d", dropDate).param("file", file).param("line", line).param("reason", reason).update();
    }
}
