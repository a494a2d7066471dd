package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.intake.DropRejectedException;

/** Reading control.csv: what it lists for the extracts, and refusals that never quote one of its lines. */
class VerifyDropTaskletTests {

    static final String CARD = "4111111111111111";
    static final String SHA = "0".repeat(64);

    @TempDir
    Path inbox;

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
