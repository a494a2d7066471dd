package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.RefundSettlementApplication;
import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.NightlyRunner;
import com.marketplace.refunds.reliability.SampleNights.Night;
import com.marketplace.refunds.settlement.OutboxOwner;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.RunningChild;
import com.marketplace.refunds.support.TestDatabase;

/**
 * Remote workers (issue 15) against the real RabbitMQ (127.0.0.1:5672) and PostgreSQL, each worker a child JVM
 * as an operator starts it: the parts of a night decided by two workers give the bytes and tables one local part
 * gives; a worker killed mid-part fails the run cleanly and the same command, with a worker back, finishes it
 * with the same bytes; no worker, RabbitMQ out of reach, and a worker of another version each end the run with
 * exit 1 and one line. Every test has a queue of its own, deleted afterwards.
 */
class RemoteWorkersReliabilityTests {

    private static final Duration START = Duration.ofSeconds(90);

    private final String queue = "rs-test-" + UUID.randomUUID();
    private final List<RunningChild> workers = new ArrayList<>();

    @TempDir
    Path work;

    @AfterEach
    void stopWorkersAndDeleteTheQueues() {
        workers.forEach(RunningChild::close);
        CachingConnectionFactory rabbit = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            RabbitAdmin admin = new RabbitAdmin(rabbit);
            admin.deleteQueue(queue);
            admin.deleteQueue(queue + ".dead");
        }
        finally {
            rabbit.destroy();
        }
    }

    @Test
    void twoWorkersGiveTheBytesAndTablesOfOneLocalPartOnEverySampleDate() {
        Night one = SampleNights.onFreshDatabase("rel_remote_local_1", work.resolve("local-1"), SampleNights.DATES,
                "--refunds.partitions.count=1");
        String url = TestDatabase.fresh("rel_remote_parts");
        try {
            migrate(url);
            worker(url);
            // an operator may give a worker the run's own settings file: mode=remote must not stop it
            worker(url, Map.of("REFUNDS_PARTITIONS_MODE", "remote", "REFUNDS_PARTITIONS_COUNT", "3"));
            Night remote = SampleNights.run(url, work.resolve("remote-3"), SampleNights.DATES,
                    "--refunds.partitions.count=3", "--refunds.partitions.mode=remote",
                    "--refunds.partitions.queue=" + queue, "--refunds.partitions.check-every=200ms");

            assertThat(remote.outbox()).as("settlement files").isEqualTo(one.outbox()).isNotEmpty();
            assertThat(remote.reports()).as("reports").isEqualTo(one.reports()).containsKey("2026-11-25/decisions.csv");
            assertThat(remote.tables()).as("tables").isEqualTo(one.tables());
            assertThat(workers).as("both workers decided parts").allSatisfy(worker -> assertThat(worker.output())
                    .containsPattern("decideRefundsPartStep:partition\\d COMPLETED on this worker"));
            // the run's summary tells the parts as the workers ended them, not as this run sent them
            String summary = Folders.everyFile(work.resolve("remote-3/reports")).get("2026-11-25/run-summary.json");
            for (int part = 0; part < 3; part++) {
                assertThat(summary).containsPattern("\"name\"\\s*:\\s*\"decideRefundsPartStep:partition" + part
                        + "\",\\s*\"status\"\\s*:\\s*\"COMPLETED\"");
            }
        }
        finally {
            TestDatabase.drop(url);
        }
    }

    @Test
    void aWorkerKilledMidPartFailsTheRunAndTheSameCommandFinishesItWithTheSameBytes() {
        String url = TestDatabase.fresh("rel_remote_kill");
        try {
            migrate(url);
            ChildRun nightly = new ChildRun(url);
            Path outbox = work.resolve("killed/outbox");
            Path reports = work.resolve("killed/reports");
            RunningChild doomed = worker(url, "-Drefunds.crash-at=decideRefundsStep");

            ChildRun.Result failed;
            try (RunningChild run = startNightly(nightly, Map.of(), "2026-11-23", outbox, reports)) {
                doomed.awaitOutput(CrashPoints.REACHED + "decideRefundsStep", ChildRun.RUN_LIMIT);
                doomed.close(); // SIGKILL in the middle of its part
                failed = run.awaitExit(ChildRun.RUN_LIMIT);
            }

            assertThat(failed.exitCode()).as(failed.output()).isEqualTo(ExitCode.FAILED.code());
            assertThat(failed.outcome()).startsWith("the nightly run for 2026-11-23 failed: ")
                    .containsAnyOf("was abandoned by its worker", "no worker is listening")
                    .endsWith("Run the same command again once this is fixed.");
            try (DatabaseSession db = DatabaseSession.open(url)) {
                assertThat(db.count("SELECT count(*) FROM refund")).as("nothing of the killed part kept").isZero();
            }

            worker(url);
            ChildRun.Result again = nightly(nightly, Map.of(), "2026-11-23", outbox, reports);

            assertThat(again.exitCode()).as(again.output()).isEqualTo(ExitCode.COMPLETED.code());
            Night local = SampleNights.onFreshDatabase("rel_remote_local_kill", work.resolve("local-kill"),
                    List.of("2026-11-23"), "--refunds.partitions.count=3");
            Map<String, String> files = Folders.contents(outbox);
            files.remove(OutboxOwner.MARKER);
            assertThat(files).isEqualTo(local.outbox()).isNotEmpty();
            assertThat(Folders.contents(reports).get("2026-11-23/decisions.csv"))
                    .isEqualTo(local.reports().get("2026-11-23/decisions.csv"));
        }
        finally {
            TestDatabase.drop(url);
        }
    }

    @Test
    void aWorkerStoppedMidPartFinishesThePartFirstAndTheRunCompletes() {
        String url = TestDatabase.fresh("rel_remote_stop");
        try {
            migrate(url);
            Path release = work.resolve("release");
            RunningChild stopping = worker(url, "-Drefunds.pause-at=decideRefundsStep", "-Drefunds.pause-release=" + release);
            ChildRun.Result result;
            ChildRun.Result worker;
            try (RunningChild run = startNightly(new ChildRun(url), Map.of("REFUNDS_PARTITIONS_COUNT", "1"), "2026-11-23",
                    work.resolve("o"), work.resolve("r"))) {
                stopping.awaitOutput(CrashPoints.PAUSED + "decideRefundsStep", ChildRun.RUN_LIMIT);
                stopping.sigterm(); // as a service manager stops it, in the middle of its part
                ChildRun.release(release);
                worker = stopping.awaitExit(ChildRun.RUN_LIMIT);
                result = run.awaitExit(ChildRun.RUN_LIMIT);
            }

            assertThat(worker.exitCode()).as("a JVM stopped by SIGTERM: 128 + 15").isEqualTo(143);
            assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.COMPLETED.code());
            try (DatabaseSession db = DatabaseSession.open(url)) {
                assertThat(db.count("SELECT count(*) FROM refund")).as("the part's refunds kept").isPositive();
                assertThat(db.count("SELECT count(*) FROM batch_step_execution WHERE step_name LIKE "
                        + "'decideRefundsPartStep:%' AND status <> 'COMPLETED'")).as("every part ended COMPLETED").isZero();
            }
        }
        finally {
            TestDatabase.drop(url);
        }
    }

    @Test
    void withNoWorkerListeningTheRunFailsAfterItsWaitInOneLine() {
        String url = TestDatabase.fresh("rel_remote_none");
        try {
            ChildRun.Result result = nightly(new ChildRun(url), Map.of(), "2026-11-23", work.resolve("o"),
                    work.resolve("r"));

            assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.FAILED.code());
            assertThat(result.outcome()).isEqualTo("the nightly run for 2026-11-23 failed: no worker is listening on "
                    + "queue " + queue + " at localhost:5672 (waited 3s): start workers (java -jar refund-settlement.jar "
                    + "worker). Run the same command again once this is fixed.");
        }
        finally {
            TestDatabase.drop(url);
        }
    }

    @Test
    void withRabbitMqOutOfReachTheRunAndTheWorkerEachSayItInOneLine() {
        String url = TestDatabase.fresh("rel_remote_down");
        try {
            migrate(url);
            Map<String, String> down = Map.of("SPRING_RABBITMQ_PORT", "5679");
            ChildRun.Result run = nightly(new ChildRun(url), down, "2026-11-23", work.resolve("o"), work.resolve("r"));
            Map<String, String> workerDown = new java.util.HashMap<>(down);
            workerDown.put("REFUNDS_PARTITIONS_QUEUE", queue);
            ChildRun.Result worker = new ChildRun(url).start(workerDown, "worker").awaitExit(START);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCode.FAILED.code());
            assertThat(run.outcome()).startsWith("the nightly run for 2026-11-23 failed: cannot reach RabbitMQ at "
                    + "localhost:5679 (").endsWith("start it, or set SPRING_RABBITMQ_HOST and SPRING_RABBITMQ_PORT. Run "
                    + "the same command again once this is fixed.");
            assertThat(worker.exitCode()).as(worker.output()).isEqualTo(1);
            assertThat(worker.outcome()).startsWith("refund-settlement: cannot reach RabbitMQ at localhost:5679 (")
                    .endsWith("and start the worker again");
        }
        finally {
            TestDatabase.drop(url);
        }
    }

    @Test
    void aWorkerOfAnotherVersionRefusesThePartsAndTheRunSaysWhichToStart() {
        String url = TestDatabase.fresh("rel_remote_version");
        try {
            migrate(url);
            RunningChild other = worker(url, "-Drefunds.version=9.9.9");

            ChildRun.Result result = nightly(new ChildRun(url), Map.of(), "2026-11-23", work.resolve("o"),
                    work.resolve("r"));

            assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.FAILED.code());
            assertThat(result.outcome()).startsWith("the nightly run for 2026-11-23 failed: a worker of version 9.9.9 "
                    + "refused decideRefundsPartStep:partition").contains("sent by version development: run workers of "
                    + "version development (java -jar refund-settlement.jar worker)");
            assertThat(other.isAlive()).as("the worker refuses and goes on").isTrue();
            try (DatabaseSession db = DatabaseSession.open(url)) {
                assertThat(db.count("SELECT count(*) FROM refund")).isZero();
            }
        }
        finally {
            TestDatabase.drop(url);
        }
    }

    /** The nightly command in remote mode, its settings in the environment as a scheduler passes them. */
    private ChildRun.Result nightly(ChildRun child, Map<String, String> more, String date, Path outbox, Path reports) {
        try (RunningChild running = startNightly(child, more, date, outbox, reports)) {
            return running.awaitExit(ChildRun.RUN_LIMIT);
        }
    }

    private RunningChild startNightly(ChildRun child, Map<String, String> more, String date, Path outbox,
                                      Path reports) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("REFUNDS_PARTITIONS_MODE", "remote",
                "REFUNDS_PARTITIONS_COUNT", "3", "REFUNDS_PARTITIONS_QUEUE", queue,
                "REFUNDS_PARTITIONS_WORKER_WAIT", "3s", "REFUNDS_PARTITIONS_CHECK_EVERY", "200ms"));
        environment.putAll(more);
        return child.start(environment, "nightly", "--business-date=" + date, "--inbox=sample-data",
                "--outbox=" + outbox, "--reports=" + reports);
    }

    private RunningChild worker(String url, String... jvmOptions) {
        return worker(url, Map.of(), jvmOptions);
    }

    private RunningChild worker(String url, Map<String, String> settings, String... jvmOptions) {
        // the tests' configuration logs warnings only: each worker says here which parts it decided
        Map<String, String> environment = new java.util.HashMap<>(settings);
        environment.put("REFUNDS_PARTITIONS_QUEUE", queue);
        environment.put("LOGGING_LEVEL_COM_MARKETPLACE_REFUNDS_PARTITION", "INFO");
        RunningChild worker = new ChildRun(url, jvmOptions).start(environment, "worker");
        workers.add(worker);
        worker.awaitOutput(java.util.regex.Pattern.compile("worker .* takes parts from queue .*"), START);
        return worker;
    }

    /** The schema, as the nightly run makes it (workers never migrate). */
    private static void migrate(String url) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RefundSettlementApplication.class)
                .web(WebApplicationType.NONE).run("--spring.datasource.url=" + url, "--logging.level.root=WARN")) {
            context.getBean(NightlyRunner.class);
        }
    }
}
