package com.marketplace.refunds.reconciliation.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.marketplace.refunds.shared.ExplainedFailure;
import com.marketplace.refunds.shared.InboxFiles;
import com.marketplace.refunds.shared.RunParameters;

/**
 * The processor reports of a business date's {@code processor/} folder, in the fixed order the
 * contract gives: the card reports ({@code settlement_detail_report_batch_<n>.csv}) by batch number
 * compared as a number ({@code batch_2} before {@code batch_10}), then the PayPal reports
 * ({@code STL-<yyyymmdd>.<seq>.<version>.CSV}, or with several accounts
 * {@code STL-<yyyymmdd>.<window>.<seq>.<files>.<version>.CSV}) by date, window and sequence, only
 * the highest version of each. The extension is matched without case. Every other entry of the
 * folder, and every superseded version, is ignored with a reason the run warns about. A report
 * that is a symbolic link leading out of the inbox fails the run. No folder means no reports.
 *
 * <p>Lines are handed over as they are read; a report that cannot be read throws
 * {@link ReportUnreadableException} after the lines before it were handed over, so the caller
 * collects the lines and applies nothing until {@link #readAll} has returned.
 */
public final class ProcessorReports {

    private static final Pattern CARD_REPORT = Pattern.compile("settlement_detail_report_batch_(\\d{1,18})\\.(?i:csv)");
    private static final Pattern PAYPAL_REPORT = Pattern.compile(
            "STL-(\\d{8})\\.(?:(\\d{1,9})|([A-Za-z])\\.(\\d{1,9})\\.\\d{1,9})\\.(\\d{1,9})\\.(?i:csv)");

    /**
     * What the run reads, in order, and what it leaves alone, with why. A report of a late drop is
     * named under its date ({@code 2026-11-24/processor/<name>}) in what the run records, since a
     * report of the run's own date may have the same name.
     */
    public record Scan(List<Path> reports, List<Ignored> ignored, List<String> names) {

        Scan(List<Path> reports, List<Ignored> ignored) {
            this(reports, ignored, reports.stream().map(report -> report.getFileName().toString()).toList());
        }
    }

    /** An entry of {@code processor/} that is not read; its name made safe to print. */
    public record Ignored(String name, String why) {
    }

    private ProcessorReports() {
    }

    /**
     * The reports a run reads: those of the late drops it carries first, oldest first, then its own
     * (docs/refund-rules.md). An ignored entry of a late drop is named under its date.
     */
    public static Scan scan(RunParameters run) {
        List<Path> reports = new ArrayList<>();
        List<Ignored> ignored = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (LocalDate date : run.drops()) {
            Scan scan = scan(run.inbox(), run.dropOf(date).resolve("processor"));
            reports.addAll(scan.reports());
            String prefix = date.equals(run.businessDate()) ? "" : date + "/processor/";
            scan.names().forEach(name -> names.add(prefix + name));
            scan.ignored().forEach(entry -> ignored.add(new Ignored(prefix + entry.name(), entry.why())));
        }
        return new Scan(List.copyOf(reports), List.copyOf(ignored), List.copyOf(names));
    }

    /** The reports of {@code processorFolder} to read, and the entries left alone. */
    public static Scan scan(Path inbox, Path processorFolder) {
        if (!Files.exists(processorFolder, LinkOption.NOFOLLOW_LINKS)) {
            return new Scan(List.of(), List.of());
        }
        InboxFiles.inside(inbox, processorFolder);
        List<Path> cards = new ArrayList<>();
        Map<String, PaypalName> paypal = new HashMap<>();
        List<Ignored> ignored = new ArrayList<>();
        for (Path entry : entries(processorFolder)) {
            String name = entry.getFileName().toString();
            Matcher card = CARD_REPORT.matcher(name);
            Matcher stl = PAYPAL_REPORT.matcher(name);
            if (!card.matches() && !stl.matches()) {
                ignored.add(new Ignored(printable(name), Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        ? "a folder, not a report"
                        : "its name is neither settlement_detail_report_batch_<n>.csv nor STL-<yyyymmdd>.<seq>.<version>.CSV"));
            }
            else if (!Files.isRegularFile(InboxFiles.inside(inbox, entry))) {
                ignored.add(new Ignored(printable(name), "named like a report, but not a file"));
            }
            else if (card.matches()) {
                cards.add(entry);
            }
            else {
                PaypalName candidate = PaypalName.of(entry, stl);
                PaypalName other = paypal.put(candidate.series(), candidate);
                if (other != null) {
                    PaypalName kept = other.version() >= candidate.version() ? other : candidate;
                    PaypalName dropped = kept == other ? candidate : other;
                    paypal.put(kept.series(), kept);
                    ignored.add(new Ignored(printable(dropped.file().getFileName().toString()),
                            "superseded by " + printable(kept.file().getFileName().toString())
                                    + " (only the highest version of a date and sequence is read)"));
                }
            }
        }
        cards.sort(Comparator.comparingLong(ProcessorReports::batchNumber).thenComparing(Path::getFileName));
        List<Path> reports = new ArrayList<>(cards);
        paypal.values().stream().sorted(Comparator.comparing(PaypalName::series)).map(PaypalName::file)
                .forEach(reports::add);
        ignored.sort(Comparator.comparing(Ignored::name));
        return new Scan(List.copyOf(reports), List.copyOf(ignored));
    }

    /** Hands every refund line of the scanned reports over, report by report, in order. */
    public static void readAll(Scan scan, Consumer<ReportLine> lines) {
        for (int i = 0; i < scan.reports().size(); i++) {
            Path report = scan.reports().get(i);
            String name = scan.names().get(i);
            Consumer<ReportLine> named = name.equals(report.getFileName().toString()) ? lines
                    : line -> lines.accept(new ReportLine(line.paymentMethod(), name, line.line(), line.refundId(),
                            line.kind(), line.processorType(), line.eventKey(), line.currency(), line.amount()));
            if (CARD_REPORT.matcher(report.getFileName().toString()).matches()) {
                CardSettlementReportReader.read(report, named);
            }
            else {
                PaypalStlReportReader.read(report, named);
            }
        }
    }

    /**
     * A STL file's place among the others: its series (date, reporting window, sequence, each of
     * fixed width so the text sorts as the numbers do) and its version.
     */
    private record PaypalName(Path file, String series, long version) {

        static PaypalName of(Path file, Matcher name) {
            String window = name.group(3) == null ? "" : name.group(3).toUpperCase(java.util.Locale.ROOT);
            long sequence = Long.parseLong(name.group(2) != null ? name.group(2) : name.group(4));
            return new PaypalName(file, "%s.%s.%010d".formatted(name.group(1), window, sequence),
                    Long.parseLong(name.group(5)));
        }
    }

    private static long batchNumber(Path report) {
        Matcher name = CARD_REPORT.matcher(report.getFileName().toString());
        if (!name.matches()) {
            throw new IllegalStateException("not a card report: " + report);
        }
        return Long.parseLong(name.group(1));
    }

    private static List<Path> entries(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
        catch (IOException e) {
            throw new ExplainedFailure("cannot list the processor reports in " + folder + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** A file name as a log line or a page may show it: control and unusual characters become '?'. */
    static String printable(String name) {
        StringBuilder safe = new StringBuilder(Math.min(name.length(), 200));
        name.codePoints().limit(200).forEach(c -> safe.appendCodePoint(
                Character.isISOControl(c) || !Character.isDefined(c) || Character.getType(c) == Character.FORMAT
                        ? '?' : c));
        return name.length() > 200 ? safe + "…" : safe.toString();
    }
}
