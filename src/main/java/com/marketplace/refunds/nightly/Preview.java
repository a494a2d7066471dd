package com.marketplace.refunds.nightly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.marketplace.refunds.shared.OwnerOnly;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code nightly --business-date=D --dry-run} (docs/running.md, "Preview"): the run for D on a database
 * that keeps nothing ({@link PreviewDataSource}), writing its outbox and reports into a work folder,
 * then gathered in {@code <reports>/<D>/preview/}, which says it is a preview: {@code PREVIEW.txt}, a
 * banner on {@code reconciliation.html}, {@code "preview": true} in {@code run-summary.json}. The
 * settlement files and {@code decisions.csv} are left exactly as the run would write them, so the real
 * run's can be compared byte for byte.
 */
public final class Preview {

    static final String FOLDER = "preview";
    private static final String WORK = ".preview-work";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final LocalDate businessDate;
    private final Path reports;

    public Preview(LocalDate businessDate, Path reports) {
        this.businessDate = businessDate;
        this.reports = reports;
    }

    /** The schema must be this version's: a preview cannot migrate it, since it keeps nothing. */
    public static void checkSchema(DataSource dataSource) {
        int pending = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().info()
                .pending().length;
        if (pending > 0) {
            throw new UsageException("the database's schema is older than this version (" + pending + " migration"
                    + (pending == 1 ? "" : "s") + " to apply), and a preview changes nothing: run the nightly job once "
                    + "(it migrates the database), then preview");
        }
    }

    public Path outbox() {
        return work().resolve("outbox");
    }

    public Path reportsRoot() {
        return work().resolve("reports");
    }

    public Path folder() {
        return reports.resolve(businessDate.toString()).resolve(FOLDER);
    }

    private Path work() {
        return reports.resolve(businessDate.toString()).resolve(WORK);
    }

    /** Gathers what the run wrote into {@code preview/} (replacing an earlier preview) and marks it a preview. */
    public void gather(RunOutcome outcome) {
        try {
            delete(folder());
            OwnerOnly.folders(folder());
            for (Path from : List.of(outbox().resolve(businessDate.toString()), reportsRoot().resolve(businessDate.toString()))) {
                if (Files.isDirectory(from)) {
                    try (Stream<Path> files = Files.list(from)) {
                        for (Path file : files.toList()) {
                            // preview/ was just emptied: a name met twice is a fault, never a file replaced
                            Files.move(file, folder().resolve(file.getFileName()));
                        }
                    }
                }
            }
            delete(work());
            mark(outcome);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot gather the preview in " + folder(), e);
        }
    }

    /** A preview that did not run (another run holds the lock, a date out of order): nothing is left behind. */
    public void discard() {
        try {
            delete(work());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + work(), e);
        }
    }

    private void mark(RunOutcome outcome) throws IOException {
        String notice = "PREVIEW of the nightly run for " + businessDate + ": nothing was kept in the database and "
                + "nothing was sent.";
        OwnerOnly.replace(folder().resolve("PREVIEW.txt"), (notice + "\n\nThe files here are what the run would write, "
                + "with the names and sequence numbers it would take; the settlement files and decisions.csv are exactly "
                + "as it would write them. The real run is `nightly --business-date=" + businessDate + "`.\n\n"
                + outcome.message() + "\n").getBytes(StandardCharsets.UTF_8));
        Path page = folder().resolve("reconciliation.html");
        if (Files.isRegularFile(page)) {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            OwnerOnly.replace(page, html.replaceFirst("<body>", "<body>\n<p style=\"background:#fff3cd;border:1px solid "
                    + "#e0c060;padding:.6rem;font-weight:600\">" + notice + "</p>").getBytes(StandardCharsets.UTF_8));
        }
        Path summary = folder().resolve(RunSummaryFile.FILE_NAME);
        if (Files.isRegularFile(summary)) {
            JsonNode tree = JSON.readTree(summary.toFile());
            if (tree instanceof ObjectNode object) {
                object.put("preview", true);
                OwnerOnly.replace(summary, JSON.writeValueAsBytes(object));
            }
        }
    }

    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> tree = Files.walk(folder)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
