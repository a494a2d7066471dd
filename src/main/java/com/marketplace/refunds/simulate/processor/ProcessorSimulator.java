package com.marketplace.refunds.simulate.processor;

import static com.marketplace.refunds.simulate.processor.SimulatedLine.HEX;
import static com.marketplace.refunds.simulate.processor.SimulatedLine.LETTERS_AND_DIGITS;
import static com.marketplace.refunds.simulate.processor.SimulatedLine.randomCode;
import static com.marketplace.refunds.simulate.processor.SimulatedLine.unit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.ExplainedFailure;
import com.marketplace.refunds.shared.PaymentMethod;
import com.marketplace.refunds.simulate.processor.SentSettlementFiles.SentRefund;
import com.marketplace.refunds.simulate.processor.SentSettlementFiles;
import com.marketplace.refunds.simulate.processor.SimulatedCardReport;
import com.marketplace.refunds.simulate.processor.SimulatedLine.Kind;
import com.marketplace.refunds.simulate.processor.SimulatedLine;
import com.marketplace.refunds.simulate.processor.SimulatedStlReport;

/**
 * Plays the processors: reads the complete settlement files sent on a date and writes the reports
 * the card acquirer and PayPal would send back, one of each. Each refund meets one fate, drawn
 * from the seed and its refund_id alone (so the same refund meets the same fate whatever else was
 * sent): confirmed with the exact amount, or by the given shares reversed after its confirmation
 * (card only: for PayPal it is confirmed), silent, confirmed one minor unit off, confirmed in
 * another currency, or confirmed twice. Besides, a share of refunds is followed by a refund line
 * whose reference matches no refund of ours. A report of the same name is replaced, atomically.
 */
public final class ProcessorSimulator {

    /** Shares, in thousandths of the refunds sent; the first five fates together at most 1000. */
    public record Shares(int reversedPerMille, int silentPerMille, int amountMismatchPerMille,
                         int currencyMismatchPerMille, int duplicatePerMille, int unknownReferencesPerMille) {

        public Shares {
            int fates = 0;
            for (int share : new int[] {reversedPerMille, silentPerMille, amountMismatchPerMille,
                    currencyMismatchPerMille, duplicatePerMille}) {
                requirePerMille(share);
                fates += share;
            }
            requirePerMille(unknownReferencesPerMille);
            if (fates > 1000) {
                throw new IllegalArgumentException("the shares of reversed, silent, amount mismatch, currency"
                        + " mismatch and duplicate refunds add up to " + fates + " per mille, more than all of them");
            }
        }

        /** The defaults of the {@code refunds.simulator.*} settings ({@link SimulatorSettings}). */
        public static Shares defaults() {
            return SimulatorSettings.defaults();
        }

        private static void requirePerMille(int share) {
            if (share < 0 || share > 1000) {
                throw new IllegalArgumentException("a share is 0 to 1000 per mille, not " + share);
            }
        }
    }

    /**
     * What was written into {@code folder}; every refund sent counts in exactly one of the first
     * six, {@code unknownReferences} counts the extra lines.
     */
    public record Summary(Path folder, List<String> answeredFor, int confirmed, int reversed, int silent,
                          int amountMismatches, int currencyMismatches, int duplicates, int unknownReferences) {
    }

    /** The settlement files it was pointed at cannot be told apart, or are not there: nothing was written. */
    public static final class Refused extends RuntimeException {

        public Refused(String message) {
            super(message);
        }
    }

    static final String CARD_REPORT = "settlement_detail_report_batch_1.csv";

    private enum Fate { CONFIRMED, REVERSED, SILENT, AMOUNT_MISMATCH, CURRENCY_MISMATCH, DUPLICATE }

    private ProcessorSimulator() {
    }

    public static Summary simulate(Path outbox, LocalDate sentOn, Path inbox, LocalDate reportDate, long seed,
                                   Shares shares) throws IOException {
        return simulate(outbox, sentOn, List.of(), inbox, reportDate, seed, shares);
    }

    /**
     * Answers for the settlement files of {@code <outbox>/<sentOn>/} named for that date and complete
     * (their control file beside them), one per payment method, or for exactly the files {@code named};
     * refuses ({@link Refused}) a folder with two files of one method for the date.
     */
    public static Summary simulate(Path outbox, LocalDate sentOn, List<String> named, Path inbox, LocalDate reportDate,
                                   long seed, Shares shares) throws IOException {
        Path sent = outbox.resolve(sentOn.toString());
        if (!Files.isDirectory(sent)) {
            throw new ExplainedFailure("no settlement files were sent on " + sentOn + ": " + sent + " is not a folder");
        }
        Map<PaymentMethod, List<Path>> files = SentSettlementFiles.pick(sent, sentOn, named);
        Path folder = inbox.resolve(reportDate.toString()).resolve("processor");
        Files.createDirectories(folder);
        int[] tally = new int[Fate.values().length + 1];
        List<SimulatedLine> card = reportLines(SentSettlementFiles.read(files.get(PaymentMethod.CARD),
                PaymentMethod.CARD), true, seed, shares, tally);
        List<SimulatedLine> paypal = reportLines(SentSettlementFiles.read(files.get(PaymentMethod.PAYPAL),
                PaymentMethod.PAYPAL), false, seed, shares, tally);
        writeAtomically(folder.resolve(CARD_REPORT),
                out -> SimulatedCardReport.write(out, card, reportDate, new SplittableRandom(seed)));
        writeAtomically(folder.resolve(paypalReportName(reportDate)),
                out -> SimulatedStlReport.write(out, paypal, reportDate, new SplittableRandom(~seed)));
        return new Summary(folder, files.values().stream().flatMap(List::stream)
                        .map(file -> file.getFileName().toString()).toList(),
                tally[Fate.CONFIRMED.ordinal()], tally[Fate.REVERSED.ordinal()],
                tally[Fate.SILENT.ordinal()], tally[Fate.AMOUNT_MISMATCH.ordinal()],
                tally[Fate.CURRENCY_MISMATCH.ordinal()], tally[Fate.DUPLICATE.ordinal()], tally[Fate.values().length]);
    }

    static String paypalReportName(LocalDate reportDate) {
        return "STL-" + DateTimeFormatter.BASIC_ISO_DATE.format(reportDate) + ".01.009.CSV";
    }

    /** The refund lines of one report, in the order sent; reversals and second confirmations last. */
    private static List<SimulatedLine> reportLines(List<SentRefund> refunds, boolean reversible, long seed,
                                                   Shares shares, int[] tally) {
        List<SimulatedLine> lines = new ArrayList<>();
        List<SimulatedLine> later = new ArrayList<>();
        for (SentRefund refund : refunds) {
            SplittableRandom random = new SplittableRandom(seed ^ refund.refundId().hashCode() * 0x9E3779B97F4A7C15L);
            Fate fate = fate(random.nextInt(1000), shares, reversible);
            tally[fate.ordinal()]++;
            addLines(refund, fate, random, lines, later);
            if (random.nextInt(1000) < shares.unknownReferencesPerMille()) {
                lines.add(unknownReference(refund, random));
                tally[Fate.values().length]++;
            }
        }
        lines.addAll(later);
        return lines;
    }

    private static Fate fate(int draw, Shares shares, boolean reversible) {
        int[] bounds = {shares.reversedPerMille(), shares.silentPerMille(), shares.amountMismatchPerMille(),
                shares.currencyMismatchPerMille(), shares.duplicatePerMille()};
        Fate[] fates = {reversible ? Fate.REVERSED : Fate.CONFIRMED, Fate.SILENT, Fate.AMOUNT_MISMATCH,
                Fate.CURRENCY_MISMATCH, Fate.DUPLICATE};
        int bound = 0;
        for (int i = 0; i < bounds.length; i++) {
            bound += bounds[i];
            if (draw < bound) {
                return fates[i];
            }
        }
        return Fate.CONFIRMED;
    }

    private static void addLines(SentRefund refund, Fate fate, SplittableRandom random, List<SimulatedLine> lines,
                                 List<SimulatedLine> later) {
        SimulatedLine confirmation = line(refund, refund.currency(), refund.amountMinor(), Kind.CONFIRMED);
        switch (fate) {
            case CONFIRMED -> lines.add(confirmation);
            case REVERSED -> {
                lines.add(confirmation);
                later.add(line(refund, refund.currency(), refund.amountMinor(), Kind.REVERSED));
            }
            case SILENT -> { }
            case AMOUNT_MISMATCH -> {
                long offByOne = refund.amountMinor() > 1 && random.nextBoolean() ? -1 : 1;
                lines.add(line(refund, refund.currency(), refund.amountMinor() + offByOne, Kind.CONFIRMED));
            }
            case CURRENCY_MISMATCH -> lines.add(line(refund, otherCurrency(refund.currency()), refund.amountMinor(),
                    Kind.CONFIRMED));
            case DUPLICATE -> {
                lines.add(confirmation);
                later.add(confirmation);
            }
        }
    }

    private static SimulatedLine line(SentRefund refund, String currency, long amountMinor, Kind kind) {
        return new SimulatedLine(refund.refundId(), refund.orderId(), refund.paymentReference(), currency,
                amountMinor, kind);
    }

    private static SimulatedLine unknownReference(SentRefund neighbour, SplittableRandom random) {
        long amountMinor = random.nextLong(1, 500) * unit(neighbour.currency());
        return new SimulatedLine("RF-" + randomCode(random, 20, HEX), "ORD-" + randomCode(random, 8, HEX),
                randomCode(random, 16, LETTERS_AND_DIGITS), neighbour.currency(), amountMinor, Kind.CONFIRMED);
    }

    /** A currency with the same number of decimals, so the amount still reads as an amount. */
    private static String otherCurrency(String currency) {
        return switch (Currencies.exponent(currency)) {
            case 0 -> currency.equals("JPY") ? "KRW" : "JPY";
            case 3 -> currency.equals("BHD") ? "KWD" : "BHD";
            default -> currency.equals("EUR") ? "USD" : "EUR";
        };
    }

    @FunctionalInterface
    private interface Body {
        void write(Writer out) throws IOException;
    }

    private static void writeAtomically(Path target, Body body) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            body.write(out);
        }
        catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
