package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.MetaDataInstanceFactory;

import com.marketplace.refunds.intake.DropRejectedException;
import com.marketplace.refunds.shared.ExplainedFailure;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.support.Drops;

/**
 * Verifying a drop before anything is loaded (it reads files only, no database): a complete drop
 * passes; a missing, incomplete, changed or undecodable extract, a control file that does not list
 * one, and a link leading out of the inbox are refused; and reading control.csv never quotes a line.
 */
class VerifyDropTaskletTests {

    static final String CARD = "4111111111111111";
    static final String SHA = "0".repeat(64);

    static final LocalDate NOV_10 = LocalDate.parse("2026-11-10");
    static final String ORDER = "O-1,S-1,B-1,CARD,psp-1,USD,20.00,0.00,2026-11-01T10:00:00Z,2026-11-20T10:00:00Z,,,,true,"
            + "2027-01-30T00:00:00Z";

    @TempDir
    Path inbox;

    @TempDir
    Path elsewhere;

    @Test
    void passesACompleteDropWithOtherFilesBesideItsExtracts() throws Exception {
        // given
        Path drop = Drops.write(inbox, "2026-11-10", Map.of("orders.csv", List.of(ORDER),
                "cancellations.csv", List.of("C-1,O-1,\"2026-11-05T09:00:00Z\",")));
        Files.writeString(drop.resolve("README.txt"), "not an extract");
        Files.createDirectories(drop.resolve("processor"));
        Files.createSymbolicLink(drop.resolve("processor").resolve("report.csv"), Files.writeString(
                elsewhere.resolve("report.csv"), "read by reconciliation, which checks it"));
        // when
        RepeatStatus status = verify(NOV_10);
        // then
        assertThat(status).isEqualTo(RepeatStatus.FINISHED);
    }

    @Test
    void refusesADropWithoutItsControlFile() throws IOException {
        Path drop = Drops.write(inbox, "2026-11-10", Map.of());
        Files.delete(drop.resolve("control.csv"));

        assertThat(catchThrowable(() -> verify(NOV_10))).isInstanceOf(DropRejectedException.class).hasMessage(
                "no control.csv in " + drop + ": the drop is not complete yet; run again once upstream has delivered it");
    }

    @Test
    void refusesAControlFileThatDoesNotListAnExtract() throws IOException {
        Path drop = Drops.write(inbox, "2026-11-10", Map.of());
        Files.writeString(drop.resolve("control.csv"), Files.readString(drop.resolve("control.csv"))
                .replaceAll("(?m)^free_returns\\.csv,.*\n", ""));

        assertThat(catchThrowable(() -> verify(NOV_10))).isInstanceOf(DropRejectedException.class).hasMessage(
                "control.csv in " + drop + " does not list free_returns.csv; the drop is incomplete, wait for upstream "
                        + "to complete it");
    }

    @Test
    void refusesAnExtractListedButMissing() throws IOException {
        Path drop = Drops.write(inbox, "2026-11-10", Map.of());
        Files.delete(drop.resolve("free_returns.csv"));

        assertThat(catchThrowable(() -> verify(NOV_10))).isInstanceOf(DropRejectedException.class).hasMessage(
                "free_returns.csv is listed in control.csv but missing from " + drop + "; ask upstream to re-deliver the "
                        + "drop");
    }

    @Test
    void refusesAnExtractWithOtherThanTheRecordsItsControlLineCounts() throws IOException {
        // a record on two lines is one record: the control file counted lines
        Path drop = Drops.write(inbox, "2026-11-10", Map.of("cancellations.csv", List.of(
                "C-1,O-1,2026-11-05T09:00:00Z,\"2026-11-05T12:00:00Z\n\"")));

        assertThat(catchThrowable(() -> verify(NOV_10))).isInstanceOf(DropRejectedException.class).hasMessage(
                "cancellations.csv holds 1 records but control.csv says 2; the drop is incomplete or damaged, ask "
                        + "upstream to re-deliver it");
    }

    @Test
    void refusesAnExtractChangedAfterItsControlLineWasWritten() throws IOException {
        Path drop = Drops.write(inbox, "2026-11-10", Map.of("orders.csv", List.of(ORDER)));
        Files.writeString(drop.resolve("orders.csv"), Files.readString(drop.resolve("orders.csv")).replace("20.00",
                "90.00"));

        assertThat(catchThrowable(() -> verify(NOV_10))).isInstanceOf(DropRejectedException.class).hasMessage(
                "orders.csv does not match the SHA-256 in control.csv; the file changed after the control file was "
                        + "written, ask upstream to re-deliver it");
    }

    @Test
    void refusesAnExtractThatIsNotUtf8() throws IOException {
        Path drop = Drops.write(inbox, "2026-11-10", Map.of());
        byte[] header = Files.readAllBytes(drop.resolve("orders.csv"));
        byte[] latin1 = "O-1,S-1,B-M\u00fcller".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = Arrays.copyOf(header, header.length + latin1.length);
        System.arraycopy(latin1, 0, bytes, header.length, latin1.length);
        Files.write(drop.resolve("orders.csv"), bytes);
        Files.writeString(drop.resolve("control.csv"), Files.readString(drop.resolve("control.csv"))
                .replaceAll("(?m)^orders\\.csv,.*$", "orders.csv,1," + Drops.sha256(bytes)));

        // "near": the line the reader had reached when the decoder, reading ahead, met the byte
        assertThat(catchThrowable(() -> verify(NOV_10))).isInstanceOf(DropRejectedException.class)
                .hasMessageStartingWith("orders.csv is not valid UTF-8 (near line ")
                .hasMessageEndingWith("); ask upstream to re-deliver the drop");
    }

    @Test
    void refusesAnExtractOrAnyOtherFileOfTheDropThatLinksOutOfTheInbox() throws IOException {
        Path drop = Drops.write(inbox, "2026-11-10", Map.of());
        Path outside = Files.writeString(elsewhere.resolve("notes.txt"), "private");
        Files.createSymbolicLink(drop.resolve("notes.txt"), outside);

        assertThat(catchThrowable(() -> verify(NOV_10))).isExactlyInstanceOf(ExplainedFailure.class).hasMessage(
                drop.resolve("notes.txt") + " is a symbolic link that leads outside the inbox " + inbox + " (or nowhere); "
                        + "nothing is read from outside the inbox. Replace the link with the file itself");

        Files.delete(drop.resolve("notes.txt"));
        Files.move(drop.resolve("orders.csv"), elsewhere.resolve("orders.csv"));
        Files.createSymbolicLink(drop.resolve("orders.csv"), elsewhere.resolve("orders.csv"));

        assertThat(catchThrowable(() -> verify(NOV_10))).isExactlyInstanceOf(ExplainedFailure.class)
                .hasMessageStartingWith(drop.resolve("orders.csv") + " is a symbolic link that leads outside the inbox");
    }

    @Test
    void refusesAnIncompleteLateDropNamingItAndWhatToDo() throws IOException {
        Path late = Drops.write(inbox, "2026-11-09", Map.of());
        Files.delete(late.resolve("control.csv"));
        Drops.write(inbox, "2026-11-10", Map.of());

        assertThat(catchThrowable(() -> verify(NOV_10, LocalDate.parse("2026-11-09"))))
                .isInstanceOf(DropRejectedException.class).hasMessage("the late drop of 2026-11-09, which this run "
                        + "carries, cannot be used: no control.csv in " + late + ": the drop is not complete yet; run again "
                        + "once upstream has delivered it. Until it is fixed, move " + late + " out of the inbox to let "
                        + "the runs go on; it is carried once it comes back complete");
    }

    /** The tasklet as verifyDropStep runs it, for the run of the date (carrying these late drops) over the inbox. */
    private RepeatStatus verify(LocalDate date, LocalDate... carried) throws Exception {
        StepExecution step = MetaDataInstanceFactory.createStepExecution(RunParameters.toJobParameters(date, inbox,
                inbox.resolveSibling("outbox"), inbox.resolveSibling("reports"), List.of(carried), List.of()));
        return new VerifyDropTasklet().execute(new StepContribution(step), new ChunkContext(new StepContext(step)));
    }

    @Test
    void namesAnExtractListedTwiceByItsLinesNeverByItsText() throws IOException {
        // given
        Path drop = control("file,rows,sha256\norders.csv,1," + SHA + "\nfree_returns.csv,0," + SHA
                + "\norders.csv,2," + SHA + "\n");
        // when
        Throwable refused = catchThrowable(() -> VerifyDropTasklet.readControl(inbox, drop));
        // then
        assertThat(refused).isInstanceOf(DropRejectedException.class)
                .hasMessage("control.csv line 4 lists the file that line 2 lists already; ask upstream to re-deliver"
                        + " the drop");
    }

    @Test
    void ignoresLinesOfOtherFilesWithoutKeepingOrQuotingThem() throws IOException {
        // given a control file that lists a card number as a file name, twice
        Path drop = control("file,rows,sha256\n" + CARD + ",1," + SHA + "\norders.csv,1," + SHA + "\n" + CARD + ",1,"
                + SHA + "\n");
        // when
        var listed = VerifyDropTasklet.readControl(inbox, drop);
        // then
        assertThat(listed).containsOnlyKeys("orders.csv");
    }

    @Test
    void refusesAMalformedLineByItsNumberOnly() throws IOException {
        // given
        Path drop = control("file,rows,sha256\norders.csv,1," + SHA + "\n" + CARD + ",x\n");
        // when
        Throwable refused = catchThrowable(() -> VerifyDropTasklet.readControl(inbox, drop));
        // then
        assertThat(refused).isInstanceOf(DropRejectedException.class).hasMessage("control.csv line 3 is malformed");
    }

    private Path control(String text) throws IOException {
        Path drop = inbox.resolve("2026-11-10");
        ExtractReaderTests.write(drop.resolve("control.csv"), text);
        return drop;
    }
}
