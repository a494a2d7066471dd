package com.marketplace.refunds.simulate.processor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.marketplace.refunds.settlement.PublishedFiles;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.ExplainedFailure;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.shared.PaymentMethod;
import com.marketplace.refunds.simulate.processor.ProcessorSimulator;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;

/**
 * The refunds a processor received: the rows of the complete settlement files it is pointed at. A
 * settlement file is complete once its control file ({@code <file>.ctl.json}) is beside it; one
 * without is still being written, or was never finished, and is not read.
 */
public final class SentSettlementFiles {

    /** One row of a settlement file. */
    public record SentRefund(String refundId, String orderId, String paymentReference, String currency,
                             long amountMinor) {
    }

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

    private SentSettlementFiles() {
    }

    /**
     * The settlement files the simulator answers for, per payment method: the complete settlement
     * files of the folder named for {@code sentOn}, or when {@code named} is not empty exactly those. A
     * business date has one file per payment method, so a folder holding two of one method holds
     * another database's or another copy's: that is refused, naming them, rather than answered for twice.
     */
    public static Map<PaymentMethod, List<Path>> pick(Path folder, LocalDate sentOn, List<String> named)
            throws IOException {
        Map<PaymentMethod, List<Path>> files = new EnumMap<>(PaymentMethod.class);
        for (PaymentMethod method : PaymentMethod.values()) {
            files.put(method, new ArrayList<>());
        }
        if (!named.isEmpty()) {
            for (String name : named.stream().distinct().sorted().toList()) {
                Path file = folder.resolve(name);
                PaymentMethod method = methodOf(name, sentOn);
                if (!name.equals(file.getFileName().toString()) || method == null) {
                    throw new ProcessorSimulator.Refused("--files names " + name + ", which is not a settlement file"
                            + " name for " + sentOn + " (card-refunds-" + COMPACT.format(sentOn)
                            + "-NNNNNN.csv or paypal-refunds-...)");
                }
                if (!Files.isRegularFile(file) || !Files.isRegularFile(controlFileOf(file))) {
                    throw new ProcessorSimulator.Refused("--files names " + name + ", but " + folder + " holds no"
                            + " complete file of that name (the file with its " + PublishedFiles.CONTROL_SUFFIX
                            + " beside it)");
                }
                files.get(method).add(file);
            }
            return files;
        }
        for (PaymentMethod method : PaymentMethod.values()) {
            List<Path> ofDate = completeFiles(folder, method).stream()
                    .filter(file -> method == methodOf(file.getFileName().toString(), sentOn)).toList();
            if (ofDate.size() > 1) {
                throw new ProcessorSimulator.Refused(folder + " holds " + ofDate.size() + " "
                        + method.name().toLowerCase() + " settlement files for " + sentOn + " (" + String.join(", ",
                        ofDate.stream().map(file -> file.getFileName().toString()).toList()) + "), but a business date"
                        + " has one per payment method: they come from more than one database. Point --outbox at the"
                        + " outbox of one database, or name the files to answer for with --files=NAME[,NAME]");
            }
            files.get(method).addAll(ofDate);
        }
        return files;
    }

    /** The rows of the given settlement files of {@code method}, in the order given. */
    public static List<SentRefund> read(List<Path> files, PaymentMethod method) throws IOException {
        List<SentRefund> refunds = new ArrayList<>();
        for (Path file : files) {
            readFile(file, method, refunds);
        }
        return refunds;
    }

    static List<Path> completeFiles(Path folder, PaymentMethod method) throws IOException {
        Pattern name = fileNamePattern(method);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> name.matcher(file.getFileName().toString()).matches())
                    .filter(file -> Files.isRegularFile(controlFileOf(file)))
                    .sorted()
                    .toList();
        }
    }

    /** The payment method whose file for that date this name is; null when none. */
    private static PaymentMethod methodOf(String fileName, LocalDate date) {
        for (PaymentMethod method : PaymentMethod.values()) {
            if (fileNamePattern(method).matcher(fileName).matches() && fileName.contains("-" + COMPACT.format(date) + "-")) {
                return method;
            }
        }
        return null;
    }

    private static Path controlFileOf(Path file) {
        return file.resolveSibling(file.getFileName() + PublishedFiles.CONTROL_SUFFIX);
    }

    /** {@code card-refunds-<yyyyMMdd>-<seq>.csv}, from the payment method's own naming. */
    private static Pattern fileNamePattern(PaymentMethod method) {
        String example = method.fileName(LocalDate.of(2000, 1, 1), 0);
        String prefix = example.substring(0, example.length() - "-20000101-000000.csv".length());
        return Pattern.compile(Pattern.quote(prefix) + "-\\d{8}-\\d{6}\\.csv");
    }

    private static void readFile(Path file, PaymentMethod method, List<SentRefund> refunds) throws IOException {
        try (Reader text = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVReader csv = new CSVReaderBuilder(text).withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            String[] names = csv.readNext();
            if (names == null) {
                return;
            }
            List<String> header = Arrays.asList(names);
            int[] columns = {header.indexOf("refund_id"), header.indexOf("order_id"),
                    header.indexOf(method.header()[2]), header.indexOf("currency"), header.indexOf("amount")};
            if (Arrays.stream(columns).anyMatch(index -> index < 0)) {
                throw new ExplainedFailure("settlement file " + file + " has not the header " + String.join(",",
                        method.header()));
            }
            for (String[] row = csv.readNext(); row != null; row = csv.readNext()) {
                refunds.add(sentRefund(file, csv.getLinesRead(), row, columns));
            }
        }
        catch (CsvException | RuntimeException e) {
            throw e instanceof ExplainedFailure explained ? explained
                    : new ExplainedFailure("settlement file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static SentRefund sentRefund(Path file, long line, String[] row, int[] columns) {
        String currency = row[columns[3]];
        long amountMinor = Money.parse(row[columns[4]], Currencies.iso(currency).orElseThrow(
                () -> new ExplainedFailure("settlement file " + file + ", line " + line + ": unknown currency "
                        + currency))).minor();
        return new SentRefund(row[columns[0]], row[columns[1]], row[columns[2]], currency, amountMinor);
    }
}
