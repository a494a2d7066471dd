package com.marketplace.refunds.nightly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.reconciliation.ProcessorReportFiles;
import com.marketplace.refunds.shared.ReportCsv;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.Sha256;

/**
 * {@code manifest.csv}: the size and SHA-256 of every input the run read and every output file of the run but itself,
 * each named relative to its inbox, outbox or reports folder, so an auditor can prove what the run
 * read and wrote.
 */
final class Manifest {

    static final String FILE_NAME = "manifest.csv";
    private static final String CONTROL_FILE = "control.csv";

    private Manifest() {
    }

    static long write(RunParameters run) {
        String day = run.businessDate().toString();
        Path target = run.reportsOfDay().resolve(FILE_NAME);
        return ReportCsv.write(target, new String[] {"role", "file", "bytes", "sha256"}, csv -> {
            for (Path file : inputs(run)) {
                csv.row("input", relative(run.inbox(), file), String.valueOf(Files.size(file)), Sha256.ofFile(file));
            }
            for (Path root : List.of(run.outbox(), run.reports())) {
                for (Path file : filesUnder(root, day)) {
                    if (!file.equals(target)) {
                        csv.row("output", relative(root, file), String.valueOf(Files.size(file)), Sha256.ofFile(file));
                    }
                }
            }
        });
    }

    /**
     * What the run read: the control file, the extracts and the processor reports, by name. A file
     * the run ignored (warning about it) is not an input, whatever else sits in the folder.
     */
    private static List<Path> inputs(RunParameters run) {
        Path drop = run.drop();
        List<Path> inputs = new ArrayList<>();
        Stream.concat(Stream.of(CONTROL_FILE), Extract.fileNames().stream())
                .map(drop::resolve).filter(Files::isRegularFile).forEach(inputs::add);
        inputs.addAll(ProcessorReportFiles.read(run.inbox(), drop));
        inputs.sort(null);
        return inputs;
    }

    /** The files of the date's folder, by name, leaving out files still being written. */
    private static List<Path> filesUnder(Path root, String day) throws IOException {
        Path folder = root.resolve(day);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().endsWith(".partial"))
                    .sorted()
                    .toList();
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
