package com.marketplace.refunds.reconciliation;

import java.nio.file.Path;
import java.util.List;

import com.marketplace.refunds.reconciliation.internal.ProcessorReports;

/** The processor reports a run reads from a drop's {@code processor/} folder, in reading order. */
public final class ProcessorReportFiles {

    private ProcessorReportFiles() {
    }

    /** Only these are inputs of the run; everything else in the folder is ignored with a warning. */
    public static List<Path> read(Path inbox, Path drop) {
        return ProcessorReports.scan(inbox, drop.resolve("processor")).reports();
    }
}
