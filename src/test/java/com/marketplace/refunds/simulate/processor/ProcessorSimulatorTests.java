package com.marketplace.refunds.simulate.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.reconciliation.internal.ProcessorReports;
import com.marketplace.refunds.reconciliation.internal.ReportLine.Kind;
import com.marketplace.refunds.reconciliation.internal.ReportLine;
import com.marketplace.refunds.refund.RefundId;
import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Row;
import com.marketplace.refunds.settlement.internal.SettlementFileWriter;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.ExplainedFailure;
import com.marketplace.refunds.shared.PaymentMethod;
import com.marketplace.refunds.simulate.processor.ProcessorSimulator.Shares;
import com.marketplace.refunds.simulate.processor.ProcessorSimulator.Summary;

/** The simulated processors' reports, read back by the product's own readers. */
class ProcessorSimulatorTests {

    private static final LocalDate SENT_ON = LocalDate.of(2026, 11, 24);
    private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 25);
    private static final Shares NOTHING_GOES_WRONG = new Shares(0, 0, 0, 0, 0, 0);

    @TempDir
    Path root;

    private record Sent(PaymentMethod method, Row row) {
        BigDecimal amount() {
            return BigDecimal.valueOf(row.amountMinor(), Currencies.exponent(row.currency()));
        }
    }

    @Test
    void confirmsEveryRefundWithExactlyTheAmountSent() throws IOException {
        // given
        List<Sent> sent = send(2_000, 1);
        // when
        Summary summary = simulate(7, NOTHING_GOES_WRONG);
        // then
        List<ReportLine> lines = readBack(summary);
        assertThat(lines).hasSize(2_000).allSatisfy(line -> assertThat(line.kind()).isEqualTo(Kind.CONFIRMED));
        Map<String, ReportLine> byRefund = lines.stream().collect(Collectors.toMap(ReportLine::refundId, l -> l));
        assertThat(sent).allSatisfy(refund -> {
            ReportLine line = byRefund.get(refund.row().refundId());
            assertThat(line.paymentMethod()).isEqualTo(refund.method().name());
            assertThat(line.currency()).isEqualTo(refund.row().currency());
            assertThat(line.amount()).isEqualByComparingTo(refund.amount());
        });
        assertThat(summary.confirmed()).isEqualTo(2_000);
    }

    @Test
    void honoursTheSharesRoughlyAndCountsWhatItWrote() throws IOException {
        // given: 1,400 card and 600 PayPal refunds
        List<Sent> sent = send(2_000, 1);
        Shares shares = new Shares(50, 100, 40, 30, 30, 20);
        // when
        Summary summary = simulate(11, shares);
        // then: reversals are card only
        assertThat((double) summary.reversed()).isCloseTo(1_400 * 0.05, withinPercentage(35));
        assertThat((double) summary.silent()).isCloseTo(2_000 * 0.10, withinPercentage(35));
        assertThat((double) summary.amountMismatches()).isCloseTo(2_000 * 0.04, withinPercentage(35));
        assertThat((double) summary.currencyMismatches()).isCloseTo(2_000 * 0.03, withinPercentage(35));
        assertThat((double) summary.duplicates()).isCloseTo(2_000 * 0.03, withinPercentage(35));
        assertThat((double) summary.unknownReferences()).isCloseTo(2_000 * 0.02, withinPercentage(35));
        assertThat(summary).isEqualTo(classify(sent, readBack(summary), summary));
    }

    @Test
    void honoursTheDefaultSharesRoughly() throws IOException {
        // given
        List<Sent> sent = send(2_000, 1);
        // when
        Summary summary = simulate(3, Shares.defaults());
        // then
        assertThat(summary).isEqualTo(classify(sent, readBack(summary), summary));
        assertThat(summary.confirmed()).isBetween(1_780, 1_900);
        assertThat(summary.silent()).isBetween(30, 90);
        assertThat(summary.reversed() + summary.amountMismatches() + summary.currencyMismatches()
                + summary.duplicates()).isBetween(30, 110);
        assertThat(summary.unknownReferences()).isBetween(2, 25);
    }

    @Test
    void writesTheSameBytesForTheSameSeed() throws IOException {
        // given
        send(500, 1);
        // when
        Summary first = ProcessorSimulator.simulate(root.resolve("outbox"), SENT_ON, root.resolve("inbox-a"),
                REPORT_DATE, 42, Shares.defaults());
        Summary again = ProcessorSimulator.simulate(root.resolve("outbox"), SENT_ON, root.resolve("inbox-b"),
                REPORT_DATE, 42, Shares.defaults());
        Summary otherSeed = ProcessorSimulator.simulate(root.resolve("outbox"), SENT_ON, root.resolve("inbox-c"),
                REPORT_DATE, 43, Shares.defaults());
        // then
        for (String report : List.of("settlement_detail_report_batch_1.csv", "STL-20261125.01.009.CSV")) {
            assertThat(Files.mismatch(first.folder().resolve(report), again.folder().resolve(report))).isEqualTo(-1);
            assertThat(Files.mismatch(first.folder().resolve(report), otherSeed.folder().resolve(report)))
                    .isNotEqualTo(-1);
        }
    }

    @Test
    void readsOnlyCompleteSettlementFilesSentOnTheDate() throws IOException {
        // given: file 1 complete, file 2 without its control file, file 3 sent on another date
        List<Sent> complete = send(40, 1);
        List<Sent> unfinished = send(40, 2);
        Files.delete(root.resolve("outbox").resolve(SENT_ON.toString())
                .resolve(PaymentMethod.CARD.fileName(SENT_ON, 2) + ".ctl.json"));
        Files.delete(root.resolve("outbox").resolve(SENT_ON.toString())
                .resolve(PaymentMethod.PAYPAL.fileName(SENT_ON, 2) + ".ctl.json"));
        List<Sent> otherDay = write(SENT_ON.plusDays(1), 3, refunds(40, 3));
        // when
        Summary summary = simulate(5, NOTHING_GOES_WRONG);
        // then
        assertThat(readBack(summary)).extracting(ReportLine::refundId)
                .containsExactlyInAnyOrderElementsOf(complete.stream().map(s -> s.row().refundId()).toList())
                .doesNotContainAnyElementsOf(Stream.concat(unfinished.stream(), otherDay.stream())
                        .map(s -> s.row().refundId()).toList());
    }

    @Test
    void writesJpyAndBhdAmountsAsEachLayoutWantsThem() throws IOException {
        // given
        write(SENT_ON, 1, List.of(
                new Sent(PaymentMethod.CARD, row("CARD-JPY", "JPY", 1_500)),
                new Sent(PaymentMethod.CARD, row("CARD-BHD", "BHD", 11_125)),
                new Sent(PaymentMethod.PAYPAL, row("PAYPAL-JPY", "JPY", 1_500))));
        // when
        Summary summary = simulate(9, NOTHING_GOES_WRONG);
        // then
        String card = Files.readString(summary.folder().resolve("settlement_detail_report_batch_1.csv"));
        String stl = Files.readString(summary.folder().resolve("STL-20261125.01.009.CSV"));
        assertThat(card).contains(",Refunded,").contains(",JPY,1500,,1,JPY,1500,").contains(",BHD,11.125,,1,BHD,11.125,");
        assertThat(stl).contains("\"T1107\"").contains("\"DR\",150000,\"JPY\"");
        assertThat(readBack(summary)).extracting(ReportLine::refundId, line -> line.amount().stripTrailingZeros())
                .containsExactlyInAnyOrder(
                        tuple(RefundId.of("CARD-JPY"), new BigDecimal("1500").stripTrailingZeros()),
                        tuple(RefundId.of("CARD-BHD"), new BigDecimal("11.125")),
                        tuple(RefundId.of("PAYPAL-JPY"), new BigDecimal("1500").stripTrailingZeros()));
    }

    @Test
    void writesRealisticLinesThatAreNotRefundsAroundTheRefunds() throws IOException {
        // given
        send(100, 1);
        // when
        Summary summary = simulate(2, Shares.defaults());
        // then
        String card = Files.readString(summary.folder().resolve("settlement_detail_report_batch_1.csv"));
        String stl = Files.readString(summary.folder().resolve("STL-20261125.01.009.CSV"));
        assertThat(card).startsWith("Company Account,Merchant Account,Psp Reference,")
                .contains(",Settled,", ",Fee,Transaction Fees November 2026,", ",MerchantPayout,\"TX");
        assertThat(stl).startsWith("\"RH\",2026/11/25 02:21:10 -0800,\"A\",")
                .contains("\n\"FH\",01\n", "\n\"SH\",", "\"Transaction  Debit or Credit\"", "\"T0006\"",
                        "\n\"SF\",\"EUR\",", "\n\"SC\",", "\n\"RF\",", "\n\"RC\",")
                .containsPattern("\n\"FF\",\\d+\n$");
    }

    @Test
    void replacesAnEarlierReportOfTheSameNameAndLeavesNoPartialFile() throws IOException {
        // given
        send(100, 1);
        simulate(1, Shares.defaults());
        // when
        Summary summary = simulate(2, NOTHING_GOES_WRONG);
        // then
        try (Stream<Path> files = Files.list(summary.folder())) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(
                    "settlement_detail_report_batch_1.csv", "STL-20261125.01.009.CSV");
        }
        assertThat(readBack(summary)).hasSize(100);
    }

    @Test
    void answersOnlyForTheFilesNamedForTheDateLeavingOutOneCopiedInFromAnotherDate() throws IOException {
        // given: the day's files, and the day before's copied into the same folder
        List<Sent> today = send(40, 1);
        write(SENT_ON.minusDays(1), 7, refunds(40, 7));
        Path folder = root.resolve("outbox").resolve(SENT_ON.toString());
        try (Stream<Path> files = Files.list(root.resolve("outbox").resolve(SENT_ON.minusDays(1).toString()))) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        // when
        Summary summary = simulate(5, NOTHING_GOES_WRONG);
        // then
        assertThat(summary.answeredFor()).containsExactly(PaymentMethod.CARD.fileName(SENT_ON, 1),
                PaymentMethod.PAYPAL.fileName(SENT_ON, 1));
        assertThat(readBack(summary)).extracting(ReportLine::refundId)
                .containsExactlyInAnyOrderElementsOf(today.stream().map(sent -> sent.row().refundId()).toList());
    }

    @Test
    void refusesAFolderWithTwoFilesOfOneMethodForTheDateAndWritesNothing() throws IOException {
        // given: files 1 and 3 of the same date, as two databases sharing an outbox would leave them
        send(40, 1);
        send(40, 3);
        // when / then
        assertThatThrownBy(() -> simulate(5, NOTHING_GOES_WRONG))
                .isInstanceOf(ProcessorSimulator.Refused.class)
                .hasMessageContaining("holds 2 card settlement files for 2026-11-24 (card-refunds-20261124-000001.csv, "
                        + "card-refunds-20261124-000003.csv)")
                .hasMessageContaining("--files=NAME");
        assertThat(root.resolve("inbox")).doesNotExist();
    }

    @Test
    void answersForExactlyTheFilesItIsPointedAt() throws IOException {
        // given
        send(40, 1);
        List<Sent> third = send(40, 3);
        List<String> named = List.of(PaymentMethod.PAYPAL.fileName(SENT_ON, 3), PaymentMethod.CARD.fileName(SENT_ON, 3));
        // when
        Summary summary = ProcessorSimulator.simulate(root.resolve("outbox"), SENT_ON, named, root.resolve("inbox"),
                REPORT_DATE, 5, NOTHING_GOES_WRONG);
        // then
        assertThat(summary.answeredFor()).containsExactly(PaymentMethod.CARD.fileName(SENT_ON, 3),
                PaymentMethod.PAYPAL.fileName(SENT_ON, 3));
        assertThat(readBack(summary)).extracting(ReportLine::refundId)
                .containsExactlyInAnyOrderElementsOf(third.stream().map(sent -> sent.row().refundId()).toList());
        assertThatThrownBy(() -> ProcessorSimulator.simulate(root.resolve("outbox"), SENT_ON,
                List.of(PaymentMethod.CARD.fileName(SENT_ON, 2)), root.resolve("inbox"), REPORT_DATE, 5, NOTHING_GOES_WRONG))
                .isInstanceOf(ProcessorSimulator.Refused.class)
                .hasMessageContaining("holds no complete file of that name");
        assertThatThrownBy(() -> ProcessorSimulator.simulate(root.resolve("outbox"), SENT_ON,
                List.of("../" + PaymentMethod.CARD.fileName(SENT_ON, 1)), root.resolve("inbox"), REPORT_DATE, 5,
                NOTHING_GOES_WRONG))
                .isInstanceOf(ProcessorSimulator.Refused.class)
                .hasMessageContaining("is not a settlement file name for 2026-11-24");
    }

    @Test
    void refusesADateWithoutSettlementFiles() {
        assertThatThrownBy(() -> simulate(1, Shares.defaults()))
                .isInstanceOf(ExplainedFailure.class)
                .hasMessageContaining("no settlement files were sent on 2026-11-24");
    }

    @Test
    void refusesSharesThatCannotBeHonoured() {
        assertThatThrownBy(() -> new Shares(400, 400, 100, 100, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up to 1001 per mille");
        assertThatThrownBy(() -> new Shares(0, -1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Shares(0, 0, 0, 0, 0, 1001)).isInstanceOf(IllegalArgumentException.class);
    }

    /** What the report lines say happened to each refund, counted as the summary counts it. */
    private static Summary classify(List<Sent> sent, List<ReportLine> lines, Summary written) {
        Map<String, List<ReportLine>> byRefund = lines.stream().collect(Collectors.groupingBy(ReportLine::refundId));
        Map<String, Sent> ours = sent.stream().collect(Collectors.toMap(s -> s.row().refundId(), Function.identity()));
        int[] counts = new int[7];
        counts[6] = (int) lines.stream().filter(line -> !ours.containsKey(line.refundId())).count();
        for (Sent refund : sent) {
            counts[fateOf(refund, byRefund.getOrDefault(refund.row().refundId(), List.of()))]++;
        }
        return new Summary(written.folder(), written.answeredFor(), counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6]);
    }

    private static int fateOf(Sent refund, List<ReportLine> lines) {
        if (lines.isEmpty()) {
            return 2;
        }
        ReportLine first = lines.get(0);
        assertThat(first.kind()).isEqualTo(Kind.CONFIRMED);
        if (lines.size() == 2) {
            assertThat(lines.get(1).amount()).isEqualByComparingTo(refund.amount());
            return lines.get(1).kind() == Kind.REVERSED ? 1 : 5;
        }
        if (!first.currency().equals(refund.row().currency())) {
            assertThat(first.amount()).isEqualByComparingTo(refund.amount());
            return 4;
        }
        BigDecimal oneMinorUnit = BigDecimal.ONE.movePointLeft(Currencies.exponent(refund.row().currency()));
        if (first.amount().compareTo(refund.amount()) != 0) {
            assertThat(first.amount().subtract(refund.amount()).abs()).isEqualByComparingTo(oneMinorUnit);
            return 3;
        }
        return 0;
    }

    private Summary simulate(long seed, Shares shares) throws IOException {
        return ProcessorSimulator.simulate(root.resolve("outbox"), SENT_ON, root.resolve("inbox"), REPORT_DATE, seed,
                shares);
    }

    private static List<ReportLine> readBack(Summary summary) {
        List<ReportLine> lines = new ArrayList<>();
        ProcessorReports.readAll(ProcessorReports.scan(summary.folder(), summary.folder()), lines::add);
        return lines;
    }

    private List<Sent> send(int count, int sequence) throws IOException {
        return write(SENT_ON, sequence, refunds(count, sequence));
    }

    /** 7 in 10 by card (USD, EUR, JPY, BHD), the rest by PayPal (USD, EUR, JPY). */
    private static List<Sent> refunds(int count, int batch) {
        return IntStream.range(0, count).mapToObj(i -> {
            boolean card = i % 10 < 7;
            String currency = card ? List.of("USD", "EUR", "JPY", "BHD").get(i % 4) : List.of("USD", "EUR", "JPY").get(i % 3);
            long amountMinor = 1 + (i * 7_919L + batch) % 90_000;
            return new Sent(card ? PaymentMethod.CARD : PaymentMethod.PAYPAL,
                    row("CANCEL:B" + batch + "-" + i, currency, amountMinor));
        }).toList();
    }

    private static Row row(String refundKey, String currency, long amountMinor) {
        String orderId = "O-" + refundKey.replaceAll("[^A-Za-z0-9]", "");
        return new Row(RefundId.of(refundKey), orderId, "PSP" + Math.abs(refundKey.hashCode()), currency, amountMinor,
                "CANCELLATION");
    }

    private List<Sent> write(LocalDate date, int sequence, List<Sent> refunds) throws IOException {
        Path folder = root.resolve("outbox").resolve(date.toString());
        for (PaymentMethod method : PaymentMethod.values()) {
            List<Row> rows = refunds.stream().filter(s -> s.method() == method).map(Sent::row)
                    .sorted(Comparator.comparing(Row::refundId)).toList();
            SettlementFileWriter.write(folder, method, date, sequence, rows::forEach);
        }
        return refunds;
    }
}
