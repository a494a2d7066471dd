package com.marketplace.refunds.intake.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.marketplace.refunds.intake.DropRejectedException;
import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.intake.internal.CsvRecordReader.Keeping;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.InboxFiles;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.Sha256;

/**
 * Checks that the drop is complete before anything is loaded: control.csv present, and each of the
 * five extracts present with the record count and SHA-256 that control.csv gives. Nothing is read
 * from outside the inbox: the date folder, control.csv, each extract and every other entry of the
 * folder must stay inside it, every symbolic link followed.
 */
public class VerifyDropTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(VerifyDropTasklet.class);
    static final String CONTROL_FILE = "control.csv";
    private static final String PROCESSOR_FOLDER = "processor";

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunParameters run = RunParameters.of(chunkContext);
        for (LocalDate date : run.carried()) {
            try {
                verify(run.inbox(), run.dropOf(date));
            }
            catch (DropRejectedException e) {
                throw new DropRejectedException("the late drop of " + date + ", which this run carries, cannot be used: "
                        + e.getMessage() + ". Until it is fixed, move " + run.dropOf(date).toAbsolutePath()
                        + " out of the inbox to let the runs go on; it is carried once it comes back complete", e);
            }
        }
        verify(run.inbox(), run.drop());
        CrashPoints.reach("verifyDropStep");
        return RepeatStatus.FINISHED;
    }

    private static void verify(Path inbox, Path dropFolder) {
        Path drop = InboxFiles.inside(inbox, dropFolder);
        Map<String, Listed> listed = readControl(inbox, drop);
        for (String name : Extract.fileNames()) {
            Listed expected = listed.get(name);
            if (expected == null) {
                throw new DropRejectedException(CONTROL_FILE + " in " + drop + " does not list " + name
                        + "; the drop is incomplete, wait for upstream to complete it");
            }
            Listed actual = measure(inbox, drop.resolve(name));
            if (actual.records() != expected.records()) {
                throw new DropRejectedException(name + " holds " + actual.records() + " records but " + CONTROL_FILE
                        + " says " + expected.records() + "; the drop is incomplete or damaged, ask upstream to re-deliver it");
            }
            if (!actual.sha256().equals(expected.sha256())) {
                throw new DropRejectedException(name + " does not match the SHA-256 in " + CONTROL_FILE
                        + "; the file changed after the control file was written, ask upstream to re-deliver it");
            }
        }
        checkOtherEntries(inbox, drop);
        log.info("Drop {} verified: {} extracts match {}", drop, listed.size(), CONTROL_FILE);
    }

    record Listed(long records, String sha256) {
    }

    /**
     * What control.csv lists for the five extracts, by file name; other lines are ignored. Never
     * quotes the file in a message: through a link or by mistake, a line may hold anything.
     */
    static Map<String, Listed> readControl(Path inbox, Path drop) {
        Path control = InboxFiles.inside(inbox, drop.resolve(CONTROL_FILE));
        if (!Files.isRegularFile(control)) {
            throw new DropRejectedException("no " + CONTROL_FILE + " in " + drop
                    + ": the drop is not complete yet; run again once upstream has delivered it");
        }
        Map<String, Listed> listed = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        try (ExtractReader reader = ExtractReader.open(inbox, control, List.of("file", "rows", "sha256"))) {
            Map<String, Integer> columns = reader.columns();
            for (var record = reader.next(); record != null; record = reader.next()) {
                List<String> fields = record.fields();
                if (record.malformed() || fields.size() != reader.headerSize()) {
                    throw new DropRejectedException(CONTROL_FILE + " line " + record.line() + " is malformed");
                }
                String file = fields.get(columns.get("file"));
                String rows = fields.get(columns.get("rows"));
                String sha = fields.get(columns.get("sha256"));
                if (!rows.matches("\\d{1,10}") || !sha.matches("[0-9a-f]{64}")) {
                    throw new DropRejectedException(CONTROL_FILE + " line " + record.line()
                            + " needs a record count and a lower-case hex SHA-256");
                }
                if (!Extract.fileNames().contains(file)) {
                    continue; // not an extract: nothing to check, and nothing kept (the file may be long)
                }
                Integer earlier = lines.putIfAbsent(file, record.line());
                if (earlier != null) {
                    throw new DropRejectedException(CONTROL_FILE + " line " + record.line() + " lists the file that line "
                            + earlier + " lists already; ask upstream to re-deliver the drop");
                }
                listed.put(file, new Listed(Long.parseLong(rows), sha));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return listed;
    }

    /** Counts the CSV records after the header and hashes the bytes, in one pass. */
    static Listed measure(Path inbox, Path file) {
        InboxFiles.inside(inbox, file);
        if (!Files.isRegularFile(file)) {
            throw new DropRejectedException(file.getFileName() + " is listed in " + CONTROL_FILE
                    + " but missing from " + file.getParent() + "; ask upstream to re-deliver the drop");
        }
        MessageDigest sha256 = Sha256.digest();
        CsvRecordReader reader = null;
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), sha256)) {
            reader = new CsvRecordReader(in, Keeping.NOTHING); // delimited and counted, nothing kept
            long records = 0;
            while (reader.next() != null) {
                records++;
            }
            while (in.read() >= 0) {
                // hash whatever the reader did not need
            }
            return new Listed(Math.max(0, records - 1), Sha256.hex(sha256));
        }
        catch (CharacterCodingException e) {
            throw new DropRejectedException(file.getFileName() + " is not valid UTF-8 (near line "
                    + reader.line() + "); ask upstream to re-deliver the drop");
        }
        catch (IOException e) {
            throw new DropRejectedException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every other entry of the date folder stays inside the inbox too, links followed: the manifest
     * reads every file under the folder. processor/ is left to reconciliation, which reads it. Other
     * files at the top are ignored with a warning.
     */
    private static void checkOtherEntries(Path inbox, Path drop) {
        Path folder;
        try {
            folder = drop.toRealPath(); // the date folder may itself be a link that stays inside the inbox
        }
        catch (IOException e) {
            throw new DropRejectedException("cannot resolve " + drop + ": " + e.getClass().getSimpleName()
                    + "; check the drop's folder", e);
        }
        try (Stream<Path> entries = Files.walk(folder)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (entry.equals(folder) || entry.startsWith(folder.resolve(PROCESSOR_FOLDER))) {
                    continue;
                }
                if (Files.isSymbolicLink(entry)) {
                    InboxFiles.inside(inbox, entry);
                }
                String name = entry.getFileName().toString();
                if (entry.getParent().equals(folder) && Files.isRegularFile(entry) && !name.equals(CONTROL_FILE)
                        && !Extract.fileNames().contains(name)) {
                    log.warn("Ignoring {} in {}: it is not one of the extracts", name, drop);
                }
            }
        }
        catch (IOException | UncheckedIOException e) {
            throw new DropRejectedException("cannot list the files of " + drop + ": " + e.getClass().getSimpleName()
                    + "; check the drop's folder", e);
        }
    }
}
