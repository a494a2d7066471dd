package com.marketplace.refunds.reconciliation.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.marketplace.refunds.shared.ExplainedFailure;

/**
 * Every processor report of a business date's {@code processor/} folder, read in a fixed order:
 * the card reports ({@code settlement_detail_report_batch_<n>.csv}) by batch number, then the
 * PayPal reports ({@code STL-<yyyymmdd>.<seq>.<version>.CSV}, or with several accounts
 * {@code STL-<yyyymmdd>.<window>.<seq>.<files>.<version>.CSV}) by name, that is by date and
 * sequence. The extension is matched without case; other files are not reports and are left
 * alone. No folder means no reports.
 *
 * <p>Lines are handed over as they are read; a report that cannot be read throws
 * {@link ReportUnreadableException} after the lines before it were handed over, so the caller
 * collects the lines and applies nothing until this method has returned.
 */
public final class ProcessorReports {

    private static final Pattern CARD_REPORT = Pattern.compile("settlement_detail_report_batch_(\\d{1,18})\\.(?i:csv)");
    private static final Pattern PAYPAL_REPORT = Pattern.compile(
            "STL-\\d{8}\\.(?:\\d+|[A-Za-z]\\.\\d+\\.\\d+)\\.\\d+\\.(?i:csv)");

    private ProcessorReports() {
    }

    public static void readAll(Path processorFolder, Consumer<ReportLine> lines) {
        for (Path report : cardReports(processorFolder)) {
            CardSettlementReportReader.read(report, lines);
        }
        for (Path report : paypalReports(processorFolder)) {
            PaypalStlReportReader.read(report, lines);
        }
    }

    static List<Path> cardReports(Path folder) {
        List<Path> reports = filesNamedLike(folder, CARD_REPORT);
        reports.sort(Comparator.comparingLong(ProcessorReports::batchNumber).thenComparing(Path::getFileName));
        return reports;
    }

    static List<Path> paypalReports(Path folder) {
        List<Path> reports = filesNamedLike(folder, PAYPAL_REPORT);
        reports.sort(Comparator.comparing(Path::getFileName));
        return reports;
    }

    private static long batchNumber(Path report) {
        Matcher name = CARD_REPORT.matcher(report.getFileName().toString());
        if (!name.matches()) {
            throw new IllegalStateException("not a card report: " + report);
        }
        return Long.parseLong(name.group(1));
    }

    private static List<Path> filesNamedLike(Path folder, Pattern name) {
        if (!Files.isDirectory(folder)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return new ArrayList<>(files
                    .filter(file -> name.matcher(file.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .toList());
        }
        catch (IOException e) {
            throw new ExplainedFailure("cannot list the processor reports in " + folder + " (" + e + ")", e);
        }
    }
}
