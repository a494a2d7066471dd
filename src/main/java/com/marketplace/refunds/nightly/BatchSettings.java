package com.marketplace.refunds.nightly;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.logging.LogLevel;

/**
 * The batch's settings under {@code refunds.} (README, Configuration) with what each accepts, bound
 * and checked by {@link SettingsCheck} before any command starts anything. The features read their
 * own settings where they use them; here they are all declared once, so that a value that does not
 * fit stops every command with exit 2 naming the setting, instead of failing deep inside. A setting
 * left out keeps the default of the feature that reads it.
 */
@ConfigurationProperties("refunds")
record BatchSettings(String inbox, String outbox, String reports, BadRows badRows, Integer stuckAfterDays,
                     Integer missingConfirmationAfterDays, Partitions partitions, Archive archive, String stepLog,
                     Metrics metrics, Hold hold) {

    private static final Map<String, Range> WHOLE_NUMBERS = Map.of(
            "refunds.bad-rows.max-percent", new Range(0, 100, "percent"),
            "refunds.bad-rows.max-count", new Range(0, Integer.MAX_VALUE, "rows"),
            "refunds.stuck-after-days", new Range(1, 36_500, "days"),
            "refunds.missing-confirmation-after-days", new Range(1, 36_500, "days"),
            "refunds.partitions.count", new Range(1, 64, "parts"),
            "refunds.archive.after-days", new Range(0, 36_500, "days"),
            "refunds.hold.min-refunds", new Range(1, Integer.MAX_VALUE, "refunds"));
    private static final String FACTOR = "a number from 1 to 1000, like 3 or 2.5";
    private static final String ON_OFF = "true or false";
    private static final String MODE = "local (the parts run in threads of the nightly run) or remote (on workers, "
            + "through RabbitMQ)";
    private static final String QUEUE = "a queue name of letters, digits, '.', '_' and '-'";
    private static final String DURATION = "a duration like 60s, 500ms, 5m or 2h (worker-wait from 1s to 24h, "
            + "check-every from 100ms to 5m, timeout from 0s, no limit, to 7d)";
    private static final String FOLDER = "a folder (a path, absolute or relative to the working directory)";
    private static final String FILE = "a file (a path, absolute or relative to the working directory), e.g. "
            + "/var/lib/node_exporter/textfile/refund-settlement.prom";
    private static final String LOG_LEVEL = "INFO (each step's progress) or WARN (warnings and errors only),"
            + " or another log level: TRACE, DEBUG, ERROR, OFF";

    BatchSettings {
        folder("refunds.inbox", inbox);
        folder("refunds.outbox", outbox);
        folder("refunds.reports", reports);
        within("refunds.stuck-after-days", stuckAfterDays);
        within("refunds.missing-confirmation-after-days", missingConfirmationAfterDays);
        stepLogLevel();
    }

    /** {@code refunds.step-log} as a log level; empty when it is not set. */
    Optional<LogLevel> stepLogLevel() {
        if (stepLog == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LogLevel.valueOf(stepLog.strip().toUpperCase(Locale.ROOT)));
        }
        catch (IllegalArgumentException e) {
            throw new InvalidSetting("refunds.step-log", LOG_LEVEL);
        }
    }

    /** {@code refunds.bad-rows.*}: a file fails the run with more than this share and this count of bad rows. */
    record BadRows(Integer maxPercent, Integer maxCount) {

        BadRows {
            within("refunds.bad-rows.max-percent", maxPercent);
            within("refunds.bad-rows.max-count", maxCount);
        }
    }

    /**
     * {@code refunds.partitions.*}: into how many parts by order a night's decisions are split, decided at once,
     * and where they run (README, "Remote workers").
     */
    record Partitions(Integer count, String mode, String queue, Duration workerWait, Duration checkEvery,
                      Duration timeout) {

        Partitions {
            within("refunds.partitions.count", count);
            if (mode != null && !mode.strip().equalsIgnoreCase("local") && !mode.strip().equalsIgnoreCase("remote")) {
                throw new InvalidSetting("refunds.partitions.mode", MODE);
            }
            if (queue != null && !queue.matches("[A-Za-z0-9._-]{1,200}")) {
                throw new InvalidSetting("refunds.partitions.queue", QUEUE);
            }
            between("refunds.partitions.worker-wait", workerWait, Duration.ofSeconds(1), Duration.ofHours(24));
            between("refunds.partitions.check-every", checkEvery, Duration.ofMillis(100), Duration.ofMinutes(5));
            between("refunds.partitions.timeout", timeout, Duration.ZERO, Duration.ofDays(7));
        }

        private static void between(String property, Duration value, Duration least, Duration most) {
            if (value != null && (value.compareTo(least) < 0 || value.compareTo(most) > 0)) {
                throw new InvalidSetting(property, DURATION);
            }
        }
    }

    /** {@code refunds.archive.*}: how many days past everything that could change an order it stays hot. */
    record Archive(Integer afterDays) {

        Archive {
            within("refunds.archive.after-days", afterDays);
        }
    }

    /** {@code refunds.metrics.*}: where every nightly command writes its metrics, for node_exporter's textfile collector. */
    record Metrics(String file) {

        Metrics {
            if (file != null && (file.isBlank() || file.endsWith("/"))) {
                throw new InvalidSetting("refunds.metrics.file", FILE);
            }
        }
    }

    /**
     * {@code refunds.hold.*} (docs/hold.md): a night is held when it approves more than {@code factor}
     * times the median of the earlier runs, with at least {@code min-refunds}; {@code enabled=false}
     * holds nothing.
     */
    record Hold(BigDecimal factor, Integer minRefunds, Boolean enabled) {

        Hold {
            if (factor != null && (factor.compareTo(BigDecimal.ONE) < 0
                    || factor.compareTo(BigDecimal.valueOf(1000)) > 0)) {
                throw new InvalidSetting("refunds.hold.factor", FACTOR);
            }
            within("refunds.hold.min-refunds", minRefunds);
        }
    }

    /** What the setting accepts, when it is one of the batch's. */
    static Optional<String> expectation(String property) {
        if (property.equals("refunds.inbox") || property.equals("refunds.outbox") || property.equals("refunds.reports")) {
            return Optional.of(FOLDER);
        }
        if (property.equals("refunds.metrics.file")) {
            return Optional.of(FILE);
        }
        if (property.equals("refunds.step-log")) {
            return Optional.of(LOG_LEVEL);
        }
        if (property.equals("refunds.hold.factor")) {
            return Optional.of(FACTOR);
        }
        if (property.equals("refunds.hold.enabled")) {
            return Optional.of(ON_OFF);
        }
        if (property.equals("refunds.partitions.mode")) {
            return Optional.of(MODE);
        }
        if (property.equals("refunds.partitions.queue")) {
            return Optional.of(QUEUE);
        }
        if (property.startsWith("refunds.partitions.") && !property.equals("refunds.partitions.count")) {
            return Optional.of(DURATION);
        }
        return Optional.ofNullable(WHOLE_NUMBERS.get(property)).map(Range::expectation);
    }

    private static void within(String property, Integer value) {
        Range range = WHOLE_NUMBERS.get(property);
        if (value != null && (value < range.min() || value > range.max())) {
            throw new InvalidSetting(property, range.expectation());
        }
    }

    private static void folder(String property, String value) {
        if (value != null && value.isBlank()) {
            throw new InvalidSetting(property, FOLDER);
        }
    }

    private record Range(int min, int max, String unit) {

        String expectation() {
            return "a whole number of " + unit + " from " + min + (max == Integer.MAX_VALUE ? "" : " to " + max);
        }
    }
}
