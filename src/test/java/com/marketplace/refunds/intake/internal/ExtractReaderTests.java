package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.intake.DropRejectedException;
import com.marketplace.refunds.shared.ExplainedFailure;

/** Opening an extract: a header it cannot use and a file outside the inbox are refused without quoting the file. */
class ExtractReaderTests {

    static final String CARD = "4111111111111111";

    @TempDir
    Path work;

    @Test
    void namesAColumnGivenTwiceByItsPositionsNeverByItsText() throws IOException {
        // given a header whose repeated column is a card number
        Path inbox = work.resolve("inbox");
        Path file = write(inbox.resolve("2026-11-10").resolve("orders.csv"),
                "order_id," + CARD + ",currency," + CARD + "\nO-1,a,USD,b\n");
        // when
        Throwable refused = catchThrowable(() -> ExtractReader.open(inbox, file, List.of("order_id")));
        // then
        assertThat(refused).isInstanceOf(DropRejectedException.class);
        assertThat(refused.getMessage()).contains("orders.csv names a column twice in its header (columns 2 and 4)")
                .doesNotContain("1111");
    }

    @Test
    void neverReadsAFileALinkLeadsToOutsideTheInbox() throws IOException {
        // given
        Path inbox = work.resolve("inbox");
        Path outside = write(work.resolve("private").resolve("keys.csv"), "order_id,secret-key-text\n");
        Path link = inbox.resolve("2026-11-10").resolve("orders.csv");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, outside);
        // when
        Throwable refused = catchThrowable(() -> ExtractReader.open(inbox, link, List.of("order_id")));
        // then
        assertThat(refused).isInstanceOf(ExplainedFailure.class);
        assertThat(refused.getMessage()).contains(link.toString(), "symbolic link that leads outside the inbox")
                .doesNotContain("private", "keys.csv", "secret-key-text");
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
