package com.marketplace.refunds.settlement;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.shared.ExplainedFailure;
import com.marketplace.refunds.shared.OwnerOnly;

/**
 * An outbox belongs to the database that first wrote to it (docs/outputs.md): that database's id
 * ({@code database_identity}, made once by V12; a restore keeps it), kept in a marker file at the
 * outbox's root, written owner-only by the first run that writes settlement files there. A run of
 * another database is refused before it changes anything, so two databases never publish files under
 * the same names into one outbox (downstream deduplicates by name: the second would be lost).
 */
public final class OutboxOwner {

    /** The marker, hidden, at the outbox's root: never inside a date's folder that downstream reads. */
    public static final String MARKER = ".refund-settlement-database";

    private static final String DATABASE_ID = "SELECT database_id FROM database_identity";
    private static final int LONGEST_MARKER = 256;

    private OutboxOwner() {
    }

    /** Why this database may not write to the outbox, or empty when it owns it or nobody does yet. */
    public static Optional<String> refusal(JdbcClient jdbc, Path outbox) {
        Path marker = outbox.resolve(MARKER);
        if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String mine = databaseId(jdbc);
        return ownerIn(marker).filter(mine::equals).isPresent() ? Optional.empty() : Optional.of(anotherDatabase(outbox));
    }

    /**
     * Before the first settlement file: marks the outbox as this database's if nobody has (the marker
     * appears whole or not at all, and never over another's), then fails unless it is this database's.
     */
    public static void claim(JdbcClient jdbc, Path outbox) throws IOException {
        String mine = databaseId(jdbc);
        Path marker = outbox.resolve(MARKER);
        if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(outbox)) {
                OwnerOnly.folders(outbox);
            }
            Path partial = outbox.resolve(MARKER + "." + mine + ".partial");
            try (FileChannel channel = OwnerOnly.newFile(partial)) {
                channel.write(StandardCharsets.UTF_8.encode(mine + "\n"));
                channel.force(true);
            }
            try {
                Files.createLink(marker, partial);
            }
            catch (FileAlreadyExistsException anotherRunWasFirst) {
                // whose it is, is checked below
            }
            finally {
                Files.deleteIfExists(partial);
            }
            try (FileChannel folder = FileChannel.open(outbox, StandardOpenOption.READ)) {
                folder.force(true);
            }
        }
        if (!ownerIn(marker).filter(mine::equals).isPresent()) {
            throw new ExplainedFailure(anotherDatabase(outbox));
        }
    }

    private static String databaseId(JdbcClient jdbc) {
        return jdbc.sql(DATABASE_ID).query(String.class).single();
    }

    /** The id in the marker; empty if it is not a small regular file holding one. */
    private static Optional<String> ownerIn(Path marker) {
        try {
            if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || Files.size(marker) > LONGEST_MARKER) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(marker, StandardCharsets.UTF_8).strip());
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String anotherDatabase(Path outbox) {
        return "the outbox " + outbox.toAbsolutePath() + " belongs to another database: its marker " + MARKER
                + " does not hold this database's id, and the settlement files of two databases must never meet "
                + "under the same names. Pass the outbox of this database with --outbox=DIR, or point "
                + "SPRING_DATASOURCE_URL at the database that owns this outbox";
    }
}
