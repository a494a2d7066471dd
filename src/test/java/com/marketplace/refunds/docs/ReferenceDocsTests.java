package com.marketplace.refunds.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.cli.CommandLine;
import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.reconciliation.BreakType;
import com.marketplace.refunds.refund.Decision;
import com.marketplace.refunds.refund.Reason;
import com.marketplace.refunds.refund.RefundId;
import com.marketplace.refunds.refund.TriggerType;
import com.marketplace.refunds.settlement.PublishedFiles;
import com.marketplace.refunds.settlement.internal.SettlementFileWriter;
import com.marketplace.refunds.shared.PaymentMethod;
import com.marketplace.refunds.shared.RefundStatus;
import com.marketplace.refunds.shared.Resolution;
import com.marketplace.refunds.stuck.StuckSteps;
import com.marketplace.refunds.support.Nights;

/**
 * The reference in {@code docs/} says what the code does. Every header row the product writes is
 * in the docs, taken from the files a real run writes on PostgreSQL (the settlement writer's
 * straight from it); the exit codes are {@link ExitCode}'s; the
 * commands' options, the names of every vocabulary and the examples are the code's; every relative
 * link leads somewhere, and no page points outside the repository.
 */
class ReferenceDocsTests {

    private static final Path DOCS = Path.of("docs");
    private static final Path OUTPUTS = DOCS.resolve("outputs.md");
    private static final Path RUNNING = DOCS.resolve("running.md");
    private static final LocalDate D = LocalDate.parse("2026-11-25");
    private static final LocalDate LATE = LocalDate.parse("2026-11-24");

    private static final Pattern FENCE = Pattern.compile("^\\s*```");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern EXIT_CODE_ROW = Pattern.compile("^\\|\\s*`(\\d+)`\\s*\\|\\s*(?:`([A-Z_]+)`|—)\\s*\\|(.*)$");

    @TempDir
    Path work;

    // the headers

    @Test
    void eachSettlementFileHeaderIsTheOneTheWriterWrites() throws IOException {
        for (PaymentMethod method : PaymentMethod.values()) {
            Path folder = work.resolve(method.name());
            var written = SettlementFileWriter.write(folder, method, D, 1, row -> { });

            assertInACodeBlock(firstLine(folder.resolve(written.fileName())), "header of the " + method + " settlement file");
        }
    }

    @Test
    void theSettlementFileExampleAndItsControlFileAreWhatTheWriterWrites() throws IOException {
        List<SettlementFileWriter.Row> rows = Stream.of(
                        row("DISPUTE:D-1009", "O-1009", "8873305518260144", "JPY", 4800, TriggerType.DISPUTE),
                        row("RETURN:R-1005", "O-1005", "8841266093027715", "USD", 7400, TriggerType.FREE_RETURN),
                        row("CANCEL:C-1001", "O-1001", "8815409247139026", "USD", 6490, TriggerType.CANCELLATION))
                .sorted(Comparator.comparing(SettlementFileWriter.Row::refundId)) // as the database hands them over
                .toList();

        var written = SettlementFileWriter.write(work, PaymentMethod.CARD, D, 12, rows::forEach);

        String file = Files.readString(work.resolve(written.fileName()));
        String control = Files.readString(work.resolve(written.fileName() + PublishedFiles.CONTROL_SUFFIX));
        assertThat(codeBlocksOf(List.of(OUTPUTS))).as("the example settlement file and control file in outputs.md")
                .contains(file.stripTrailing(), control.stripTrailing());
    }

    /**
     * The reports' header rows as a real run writes them, on PostgreSQL: a first date with a bad row,
     * a date whose drop comes late, then the date whose run carries it (its rejects under its date).
     */
    @Test
    void everyReportHeaderIsTheOneARealRunWrites() throws IOException {
        try (Nights nights = new Nights("docs_headers")) {
            LocalDate first = LocalDate.parse("2026-11-23");
            nights.run(first, Map.of("orders.csv", List.of(Nights.order("O-1", "10.00", "0.00"),
                            Nights.order("O-2", "abc", "0.00")),
                    "cancellations.csv", List.of(Nights.cancellation("C-1", "O-1", "2026-11-23T09:00:00Z"))));
            nights.run(D, Map.of());
            nights.drop(LATE, Map.of("orders.csv", List.of(Nights.order("O-3", "abc", "0.00"))));
            LocalDate carrying = D.plusDays(1);
            nights.run(carrying, Map.of());

            Path reports = nights.reports(first);
            assertInACodeBlock(firstLine(reports.resolve("decisions.csv")), "header of decisions.csv");
            assertInACodeBlock(firstLine(reports.resolve("reconciliation-summary.csv")),
                    "header of reconciliation-summary.csv");
            assertInACodeBlock(firstLine(reports.resolve("reconciliation-breaks.csv")),
                    "header of reconciliation-breaks.csv");
            assertInACodeBlock(firstLine(reports.resolve("stuck-refunds.csv")), "header of stuck-refunds.csv");
            assertInACodeBlock(firstLine(reports.resolve("manifest.csv")), "header of manifest.csv");
            Path own = reports.resolve("rejects").resolve("orders.csv.rejects.csv");
            Path late = nights.reports(carrying).resolve("rejects").resolve(LATE.toString())
                    .resolve("orders.csv.rejects.csv");
            assertInACodeBlock(firstLine(own), "header of a rejects file");
            assertThat(firstLine(late)).isEqualTo(firstLine(own));
        }
        assertInACodeBlock(String.join(",", StuckSteps.HEADER), "header of stuck-refunds.csv");
        assertThat(text(DOCS.resolve("inputs.md"))).contains("`<reports>/<D>/rejects/<late date>/<file>.rejects.csv`");
        assertThat(text(RUNNING)).contains("`<reports>/<D>/rejects/<late date>/`");
    }

    // exit codes, commands, vocabularies, examples

    @Test
    void theExitCodesAreExitCodesValuesAndAnyOtherIsNotUsedYet() throws IOException {
        Map<Integer, String> named = new TreeMap<>();
        Map<Integer, String> unnamed = new TreeMap<>();
        for (String line : section(RUNNING, "Exit codes")) {
            Matcher row = EXIT_CODE_ROW.matcher(line);
            if (row.matches()) {
                int code = Integer.parseInt(row.group(1));
                if (row.group(2) != null) {
                    named.put(code, row.group(2));
                }
                else {
                    unnamed.put(code, row.group(3));
                }
            }
        }

        Map<Integer, String> inTheCode = Arrays.stream(ExitCode.values())
                .collect(Collectors.toMap(ExitCode::code, ExitCode::name, (a, b) -> a, TreeMap::new));
        assertThat(named).as("the exit codes running.md names").isEqualTo(inTheCode);
        assertThat(unnamed.keySet()).as("documented codes the code does not have").doesNotContainAnyElementsOf(inTheCode.keySet());
        assertThat(unnamed.values()).as("codes the code does not have are documented as not used")
                .allSatisfy(rest -> assertThat(rest).contains("not used yet"));
    }

    @Test
    void everyCommandAndEveryOptionItTakesIsInRunning() throws Exception {
        String running = text(RUNNING);
        for (var command : CommandLine.COMMANDS.entrySet()) {
            assertThat(running).contains("refund-settlement.jar " + command.getKey());
            for (String option : command.getValue()) {
                assertThat(running).as("option --%s of %s", option, command.getKey()).contains("--" + option + "=");
            }
        }
        for (var command : CommandLine.FLAGS.entrySet()) {
            for (String flag : command.getValue()) {
                assertThat(Pattern.compile("--" + Pattern.quote(flag) + "(?![\\w=-])").matcher(running).find())
                        .as("flag --%s of %s", flag, command.getKey()).isTrue();
            }
        }
    }

    @Test
    void everyNameOfEveryVocabularyIsInTheDocs() throws IOException {
        String docs = String.join("\n", pages().stream().map(ReferenceDocsTests::text).toList());
        List<Enum<?>> names = new ArrayList<>();
        Stream.of(Decision.values(), Reason.values(), TriggerType.values(), RefundStatus.values(), Resolution.values(),
                BreakType.values(), PaymentMethod.values()).forEach(values -> names.addAll(Arrays.asList(values)));

        assertThat(names).allSatisfy(name -> assertThat(docs).as("%s.%s", name.getDeclaringClass().getSimpleName(), name)
                .contains("`" + name.name() + "`"));
        assertThat(Extract.fileNames()).allSatisfy(file -> assertThat(docs).contains("`" + file + "`"));
    }

    @Test
    void theRefundIdExampleIsWhatTheCodeDerives() {
        assertThat(text(DOCS.resolve("refund-rules.md")))
                .contains("`CANCEL:C1` gives `" + RefundId.of("CANCEL:C1") + "`");
    }

    // links and references

    @Test
    void everyRelativeLinkLeadsToAFileAndHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(withoutCodeBlocks(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // https:, mailto:
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no such file)");
                }
                else if (hash >= 0 && resolved.toString().endsWith(".md")
                        && !anchorsOf(resolved).contains(target.substring(hash + 1))) {
                    broken.add(page + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void noFileInDocsPointsOutsideTheRepository() throws IOException {
        try (Stream<Path> files = Files.walk(DOCS)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty()
                    .allSatisfy(file -> assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
                            .doesNotContain("../shared"));
        }
    }

    @Test
    void theIndexLinksEveryPage() throws IOException {
        String index = text(DOCS.resolve("README.md"));
        assertThat(pages()).filteredOn(page -> !page.getFileName().toString().equals("README.md"))
                .isNotEmpty()
                .allSatisfy(page -> assertThat(index).contains("](" + page.getFileName() + ")"));
    }

    // helpers

    /** The line, exactly, alone on a line of a fenced code block of some page. */
    private static void assertInACodeBlock(String line, String what) throws IOException {
        assertThat(codeLinesOf(pages()).contains(line))
                .as("a code block in docs/ holding the %s exactly, on a line of its own:%n  %s", what, line).isTrue();
    }

    private static SettlementFileWriter.Row row(String refundKey, String orderId, String reference, String currency,
                                                long amountMinor, TriggerType trigger) {
        return new SettlementFileWriter.Row(RefundId.of(refundKey), orderId, reference, currency, amountMinor,
                trigger.name());
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static String firstLine(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().orElseThrow(() -> new AssertionError(file + " is empty"));
        }
    }

    /** The contents of every fenced code block of the pages, each as one text without its fences. */
    private static List<String> codeBlocksOf(List<Path> pages) {
        List<String> blocks = new ArrayList<>();
        for (Path page : pages) {
            List<String> block = null;
            for (String line : text(page).lines().toList()) {
                if (FENCE.matcher(line).find()) {
                    if (block == null) {
                        block = new ArrayList<>();
                    }
                    else {
                        blocks.add(String.join("\n", block));
                        block = null;
                    }
                }
                else if (block != null) {
                    block.add(line);
                }
            }
        }
        return blocks;
    }

    private static List<String> codeLinesOf(List<Path> pages) {
        return codeBlocksOf(pages).stream().flatMap(String::lines).toList();
    }

    private static String withoutCodeBlocks(Path page) {
        StringBuilder prose = new StringBuilder();
        boolean inBlock = false;
        for (String line : text(page).lines().toList()) {
            if (FENCE.matcher(line).find()) {
                inBlock = !inBlock;
            }
            else if (!inBlock) {
                prose.append(line).append('\n');
            }
        }
        return prose.toString();
    }

    /** The lines of a page's section, from its {@code ## title} heading to the next heading of that level. */
    private static List<String> section(Path page, String title) {
        List<String> lines = text(page).lines().toList();
        int start = lines.indexOf("## " + title);
        assertThat(start).as("a section '## %s' in %s", title, page).isNotNegative();
        List<String> section = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            section.add(line);
        }
        return section;
    }

    /** The anchors GitHub makes for a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchorsOf(Path page) {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Boolean> anchors = new LinkedHashMap<>();
        for (String line : withoutCodeBlocks(page).lines().toList()) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = heading.group(1).toLowerCase(Locale.ROOT)
                        .replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-');
                int times = seen.merge(slug, 1, Integer::sum);
                anchors.put(times == 1 ? slug : slug + "-" + (times - 1), true);
            }
        }
        return anchors.keySet();
    }
}
