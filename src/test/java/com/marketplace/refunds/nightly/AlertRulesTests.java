package com.marketplace.refunds.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules in jobs/prometheus/ are valid ({@code promtool check rules}), behave as
 * their unit tests say ({@code promtool test rules}: a failed run pages, a refused one opens a ticket,
 * no completed date for 26 hours pages, a silent scheduler, a slow run, stuck refunds rising, many
 * breaks), and every metric they read is one the nightly command writes.
 */
class AlertRulesTests {

    private static final Path FOLDER = Path.of("jobs/prometheus");
    private static final Path RULES = FOLDER.resolve("refund-settlement.rules.yml");

    private record Ran(int exitCode, String output) {
    }

    @Test
    void theRulesAreValid() throws Exception {
        Ran ran = promtool("check", "rules", RULES.getFileName().toString());

        assertThat(ran.exitCode()).as(ran.output()).isZero();
        assertThat(ran.output()).contains("SUCCESS: 8 rules found");
    }

    @Test
    void theRulesFireAsTheirUnitTestsSay() throws Exception {
        Ran ran = promtool("test", "rules", "refund-settlement.rules.test.yml");

        assertThat(ran.exitCode()).as(ran.output()).isZero();
        assertThat(ran.output()).contains("SUCCESS");
    }

    @Test
    void everyMetricTheRulesReadIsOneTheCommandWrites() throws IOException {
        String rules = Files.readString(RULES);
        String metrics = Files.readString(Path.of("src/main/java/com/marketplace/refunds/nightly/RunMetrics.java"));
        Matcher names = Pattern.compile("\\brefunds_[a-z_]+").matcher(rules);
        int read = 0;
        while (names.find()) {
            read++;
            String dotted = names.group().replace('_', '.');
            assertThat(metrics).as("RunMetrics writes %s", names.group()).contains("\"" + dotted + "\"");
        }
        assertThat(read).isGreaterThan(8);
    }

    private static Ran promtool(String... arguments) throws IOException, InterruptedException {
        String promtool = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(folder -> Path.of(folder, "promtool")).filter(Files::isExecutable).findFirst()
                .map(Path::toString).orElse(null);
        if (promtool == null) {
            fail("promtool is not installed: run jobs/test (it installs Debian's prometheus package when missing)");
        }
        List<String> command = new java.util.ArrayList<>(List.of(promtool));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(FOLDER.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("promtool ends").isTrue();
        return new Ran(process.exitValue(), output);
    }
}
