package com.marketplace.refunds.reconciliation.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.marketplace.refunds.settlement.PaymentMethod;
import com.marketplace.refunds.settlement.PublishedFiles;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.ExplainedFailure;
import com.marketplace.refunds.shared.Money;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;

/**
 * The refunds a processor received: the rows of the complete settlement files of one payment
 * method in an outbox folder. A settlement file is complete once its control file
 * ({@code <file>.ctl.json}) is beside it; one without is still being written, or was never
 * finished, and is not read.
 */
public final class SentSettlementFiles {

    /** One row of a settlement file. */
    public record SentRefund(String refundId, String orderId, String paymentReference, String currency,
                             long amountMinor) {
    }

    private SentSettlementFiles() {
    }

    /** The rows of every complete settlement file of {@code method} in {@code folder}, by file name. */
    public static List<SentRefund> read(Path folder, PaymentMethod method) throws IOException {
        List<SentRefund> refunds = new ArrayList<>();
        for (Path file : completeFiles(folder, method)) {
            readFile(file, method, refunds);
        }
        return refunds;
    }

    static List<Path> completeFiles(Path folder, PaymentMethod method) throws IOException {
        Pattern name = fileNamePattern(method);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> name.matcher(file.getFileName().toString()).matches())
                    .filter(file -> Files.isRegularFile(file.resolveSibling(file.getFileName() + PublishedFiles.CONTROL_SUFFIX)))
                    .sorted()
                    .toList();
        }
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
