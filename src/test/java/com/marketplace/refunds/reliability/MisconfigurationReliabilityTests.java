package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.RunningChild;
import com.marketplace.refunds.support.TestDatabase;

/**
 * A setting that does not fit, as a service manager passes it (an environment variable): every
 * command exits 2 with one line naming the setting and what it expects, never repeating the value
 * (it could be a secret), never a stack trace, and having changed nothing.
 */
class MisconfigurationReliabilityTests {

    private static final String DATABASE = TestDatabase.freshFor(MisconfigurationReliabilityTests.class);

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} with {1}={2}")
    @CsvSource(delimiter = '|', textBlock = """
            nightly            | REFUNDS_BAD_ROWS_MAX_PERCENT            | abc            | a whole number of percent from 0 to 100
            nightly            | REFUNDS_BAD_ROWS_MAX_PERCENT            | 101            | a whole number of percent from 0 to 100
            nightly            | REFUNDS_BAD_ROWS_MAX_COUNT              | -1             | a whole number of rows from 0
            nightly            | REFUNDS_STUCK_AFTER_DAYS                | -3             | a whole number of days from 1 to 36500
            nightly            | REFUNDS_MISSING_CONFIRMATION_AFTER_DAYS | 0              | a whole number of days from 1 to 36500
            nightly            | REFUNDS_OUTBOX                          | '   '          | a folder
            nightly            | REFUNDS_STEP_LOG                        | LOUD           | INFO (each step's progress) or WARN
            nightly            | REFUNDS_HOLD_FACTOR                     | abc            | a number from 1 to 1000
            nightly            | REFUNDS_PARTITIONS_MODE                 | cloud          | local (the parts run in threads of the nightly run) or remote
            nightly            | REFUNDS_PARTITIONS_WORKER_WAIT          | soon           | a duration like 60s, 500ms, 5m or 2h
            nightly            | REFUNDS_PARTITIONS_CHECK_EVERY          | 1ms            | a duration like 60s, 500ms, 5m or 2h
            worker             | REFUNDS_PARTITIONS_QUEUE                | queue!         | a queue name of letters, digits
            nightly            | SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE | many        | a whole number
            nightly            | SPRING_DATASOURCE_URL                   | postgres:refunds?password=hunter2-secret | jdbc:postgresql://HOST:PORT/DATABASE
            stuck              | REFUNDS_STUCK_AFTER_DAYS                | abc            | a whole number of days from 1 to 36500
            stuck              | REFUNDS_STUCK_AFTER_DAYS                | -3             | a whole number of days from 1 to 36500
            serve              | REFUNDS_SUPPORT_PAGE_SIZE               | abc            | a whole number
            serve              | REFUNDS_STUCK_AFTER_DAYS                | 1e3            | a whole number of days from 1 to 36500
            serve              | SERVER_PORT                             | http           | a whole number
            serve              | REFUNDS_SUPPORT_DATASOURCE_URL          | mysql://db/refunds?password=hunter2-secret | jdbc:postgresql://HOST:PORT/DATABASE
            simulate-processor | REFUNDS_SIMULATOR_SILENT_PER_MILLE      | abc            | a whole number from 0 to 1000
            """)
    void aSettingThatDoesNotFitExitsTwoNamingItWithoutRepeatingTheValue(String command, String setting, String value,
                                                                         String expected) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SERVER_PORT", "0");
        environment.put(setting, value);
        Map<String, List<String>> before = tables();

        Result result;
        try (RunningChild running = new ChildRun(DATABASE).start(environment, arguments(command))) {
            result = running.awaitExit(ChildRun.RUN_LIMIT);
        }

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.outcome()).startsWith("refund-settlement: ").contains(setting).contains(expected);
        assertThat(result.output()).as("never a stack trace").doesNotContain("For input string", "Exception", "\tat ");
        if (!value.isBlank()) {
            assertThat(result.output()).as("never the value").doesNotContainPattern(
                    "(?<![\\w.-])" + Pattern.quote(value) + "(?![\\w.])");
        }
        assertThat(tables()).as("nothing changed in the database").isEqualTo(before);
    }

    private String[] arguments(String command) {
        return switch (command) {
            case "nightly" -> FirstSampleDate.nightly(work);
            case "stuck" -> new String[] {"stuck", "--business-date=2026-11-23"};
            case "simulate-processor" -> new String[] {"simulate-processor", "--outbox=sample-data",
                    "--sent-on=2026-11-23", "--inbox=" + work.resolve("inbox"), "--report-date=2026-11-24"};
            default -> new String[] {command};
        };
    }

    private static Map<String, List<String>> tables() {
        try (DatabaseSession db = DatabaseSession.open(DATABASE)) {
            return db.everything();
        }
    }
}
