package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.RunningChild;
import com.marketplace.refunds.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logs for machines on request: with {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} every log line of
 * a nightly run is one JSON object, those of its steps with the business date and the step, and no
 * line carries a dispute's free text or a card number. The real command in a child JVM.
 */
class StructuredLogsReliabilityTests {

    private static final String ORDER = "O-1,S-1,B-1,CARD,psp_1,USD,10.00,0.00,2026-11-01T10:00:00Z,"
            + "2026-12-30T10:00:00Z,,,,false,2027-01-01T00:00:00Z";
    private static final String DISPUTE = "D-1,O-1,2026-11-05T10:00:00Z,2026-11-09T10:00:00Z,RECEIVED,"
            + "\"charged twice on 4111 1111 1111 1111, please help\",4.00,SELLER_ACCEPTED,,false,";
    private static final String BAD_DISPUTE = "D-2,O-1,2026-11-05T10:00:00Z,not-a-time,RECEIVED,"
            + "\"secret words 4111111111111111\",4.00,SELLER_ACCEPTED,,false,";

    @TempDir
    Path work;

    @Test
    void everyLineIsJsonWithTheBusinessDateAndStepAndNoFreeText() {
        String database = TestDatabase.fresh("rel_structured_logs");
        Drops.write(work.resolve("inbox"), "2026-11-10", Map.of("orders.csv", List.of(ORDER),
                "dispute_resolutions.csv", List.of(DISPUTE, BAD_DISPUTE)));
        ChildRun child = new ChildRun(database);

        Result result;
        // the tests log warnings only (src/test/resources/config): this one wants the steps' progress too
        try (RunningChild running = child.start(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs",
                        "LOGGING_LEVEL_COM_MARKETPLACE_REFUNDS", "INFO"),
                "nightly", "--inbox=" + work.resolve("inbox"), "--outbox=" + work.resolve("outbox"),
                "--reports=" + work.resolve("reports"))) {
            result = running.awaitExit(ChildRun.RUN_LIMIT);
        }

        assertThat(result.exitCode()).as(result.output()).isZero();
        List<String> logLines = result.output().lines().filter(line -> line.startsWith("{")).toList();
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> lines = logLines.stream().map(json::readTree).toList();
        assertThat(lines).as("log lines").hasSizeGreaterThan(10);
        assertThat(lines).allSatisfy(line -> assertThat(line.has("message")).isTrue());
        List<JsonNode> ofSteps = lines.stream().filter(line -> line.has("step")).toList();
        assertThat(ofSteps).extracting(line -> line.get("step").asString())
                .contains("verifyDropStep", "mergeDropStep", "decideRefundsPartStep:partition0", "writeSettlementFilesStep");
        assertThat(ofSteps).allSatisfy(line -> assertThat(line.get("business_date").asString()).isEqualTo("2026-11-10"));
        assertThat(result.output()).doesNotContain("please help").doesNotContain("secret words")
                .doesNotContain("4111 1111 1111 1111").doesNotContain("4111111111111111");
        // what is not a log line is the summary for the person: it stays text
        assertThat(result.output()).contains("The nightly run for 2026-11-10 completed.");
    }
}
