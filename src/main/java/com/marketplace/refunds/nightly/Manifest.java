package com.marketplace.refunds.nightly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.reconciliation.ProcessorReportFiles;
import com.marketplace.refunds.settlement.PublishedFiles;
import com.marketplace.refunds.shared.ReportCsv;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.Sha256;

/**
 * {@code manifest.csv}: the size and SHA-256 of every input the run read and every output file of the run but itself,
 * each named relative to its inbox, outbox or reports folder, so an auditor can prove what the run
 * read and wrote. Only this run's files: the settlement files the database recorded as published for
 * the date, and the reports the run writes (each step writes or removes its own every time it runs),
 * never whatever else lies in the same folders (another database's files, a copy left there).
 */
final class Manifest {

    static final String FILE_NAME = "manifest.csv";
    private static final String CONTROL_FILE = "control.csv";
    /** The reports of a date the run writes, besides the rejects (docs/outputs.md), relative to the date's folder. */
    private static final List<String> REPORTS = List.of("decisions.csv", "reconciliation-summary.csv",
            "reconciliation-breaks.csv", "reconciliation.html", "stuck-refunds.csv", "actions.csv");

    private Manifest() {
    }

    static long write(RunParameters run, JdbcClient jdbc) {
        Path target = run.reportsOfDay().resolve(FILE_NAME);
        List<Path> outbox = outboxOutputs(run, jdbc);
        List<Path> reports = reportOutputs(run);
        return ReportCsv.write(target, new String[] {"role", "file", "bytes", "sha256"}, csv -> {
            row(csv, "input", run.inbox(), inputs(run));
            row(csv, "output", run.outbox(), outbox);
            row(csv, "output", run.reports(), reports);
        });
    }

    /** One row per file: its role, its name relative to its root, its size and its SHA-256. */
    private static void row(ReportCsv csv, String role, Path root, List<Path> files) throws IOException {
        for (Path file : files) {
            csv.row(role, root.relativize(file).toString().replace('\\', '/'), String.valueOf(Files.size(file)),
                    Sha256.ofFile(file));
        }
    }

    /**
     * What the run read: the control file, the extracts and the processor reports, by name. A file
     * the run ignored (warning about it) is not an input, whatever else sits in the folder.
     */
    private static List<Path> inputs(RunParameters run) {
        List<Path> inputs = new ArrayList<>();
        for (LocalDate date : run.drops()) { // a late drop's files under their own date (docs/running.md, "Late drops")
            Path drop = run.dropOf(date);
            Stream.concat(Stream.of(CONTROL_FILE), Extract.fileNames().stream())
                    .map(drop::resolve).filter(Files::isRegularFile).forEach(inputs::add);
            inputs.addAll(ProcessorReportFiles.read(run.inbox(), drop));
        }
        inputs.sort(null);
        return inputs;
    }

    /** The date's settlement files this database published, each with its control file, by name. */
    private static List<Path> outboxOutputs(RunParameters run, JdbcClient jdbc) {
        Path folder = run.outbox().resolve(run.businessDate().toString());
        List<Path> files = new ArrayList<>();
        for (PublishedFiles.Published published : PublishedFiles.of(jdbc, run.businessDate())) {
            files.add(folder.resolve(published.fileName()));
            files.add(folder.resolve(published.fileName() + PublishedFiles.CONTROL_SUFFIX));
        }
        files.sort(null);
        return files;
    }

    /** The reports of the date, then the rejects files of the drops' extracts that had bad rows in this run, by name. */
    private static List<Path> reportOutputs(RunParameters run) {
        Path folder = run.reportsOfDay();
        List<Path> files = new ArrayList<>();
        REPORTS.stream().map(folder::resolve).filter(Files::isRegularFile).forEach(files::add);
        for (LocalDate date : run.drops()) {
            Arrays.stream(Extract.values()).map(extract -> extract.rejectsFile(run.rejectsFolder(date)))
                    .filter(Files::isRegularFile).forEach(files::add);
        }
        files.sort(null);
        return files;
    }
}
