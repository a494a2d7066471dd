package com.marketplace.refunds.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the launchers in jobs/ say before anything starts: {@code jobs/nightly}'s help and usage
 * mistakes, a missing jar, which jar it starts when {@code jobs/fast-start} has prepared one, and
 * {@code jobs/run-sample} refusing to remove a folder it did not make.
 */
class JobsScriptsTests {

    private record Ran(int exitCode, String out, String err) {
    }

    @Test
    void jobsNightlyAnswersHelpWithItsOwnUsage() throws Exception {
        for (String help : List.of("--help", "-h", "help")) {
            Ran ran = run(Map.of(), "jobs/nightly", help);

            assertThat(ran.exitCode()).as(help).isZero();
            assertThat(ran.out()).as(help).startsWith("usage: jobs/nightly [yyyy-MM-dd [--dry-run] | --until=yyyy-MM-dd] "
                    + "[--inbox=DIR] [--outbox=DIR] [--reports=DIR]\nwithout a date it runs every due date");
        }
    }

    @Test
    void jobsNightlyRefusesTheDateGivenAsAnOptionWithExitTwo() throws Exception {
        Ran option = run(Map.of(), "jobs/nightly", "--business-date=2026-11-25");

        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).isEqualTo("jobs/nightly: give the business date as the first argument (jobs/nightly "
                + "yyyy-MM-dd), not as --business-date=2026-11-25\nusage: jobs/nightly [yyyy-MM-dd [--dry-run] | --until=yyyy-MM-dd] "
                + "[--inbox=DIR] [--outbox=DIR] [--reports=DIR]\n");
    }

    @Test
    void jobsNightlyWithoutADateCatchesUpAndOptionsPassThrough(@TempDir Path nowhere) throws Exception {
        // no jar here: what reaches the check for it is a command the script accepted
        Map<String, String> noJar = Map.of("REFUNDS_JAR", nowhere.resolve("refund-settlement.jar").toString());
        for (List<String> args : List.of(List.<String>of(), List.of("--until=2026-11-25"), List.of("--inbox=in"))) {
            List<String> command = new ArrayList<>(List.of("jobs/nightly"));
            command.addAll(args);
            Ran ran = run(noJar, command.toArray(String[]::new));

            assertThat(ran.exitCode()).as(args.toString()).isEqualTo(1);
            assertThat(ran.err()).as(args.toString()).contains("is missing; build it with ./mvnw -DskipTests package");
        }
    }

    @Test
    void jobsNightlyWithoutItsJarExitsOneSayingHowToBuildIt(@TempDir Path nowhere) throws Exception {
        Ran ran = run(Map.of("REFUNDS_JAR", nowhere.resolve("refund-settlement.jar").toString()), "jobs/nightly",
                "2026-11-25");

        assertThat(ran.exitCode()).isEqualTo(1);
        assertThat(ran.err()).contains("is missing; build it with ./mvnw -DskipTests package");
    }

    @Test
    void jobsFastStartWithoutTheJarExitsOneSayingHowToBuildIt(@TempDir Path nowhere) throws Exception {
        Ran ran = run(Map.of("REFUNDS_JAR", nowhere.resolve("refund-settlement.jar").toString()), "jobs/fast-start");

        assertThat(ran.exitCode()).isEqualTo(1);
        assertThat(ran.err()).contains("is missing; build it with ./mvnw -DskipTests package");
        assertThat(nowhere.resolve("refund-settlement.jar.fast-start")).doesNotExist();
    }

    @Test
    void jobsNightlyStartsFromTheFastStartOnlyWhileItWasMadeFromThisVeryJar(@TempDir Path folder) throws Exception {
        // given a jar (not a real one: which file java is asked to start is what this checks) and a fast start
        // stamped with its size and time, as jobs/fast-start leaves them
        Path jar = Files.writeString(folder.resolve("refund-settlement.jar"), "not a jar");
        Path fast = Files.createDirectories(folder.resolve("refund-settlement.jar.fast-start"));
        Files.writeString(fast.resolve("app.jsa"), "an archive");
        Files.writeString(fast.resolve("jar.stamp"),
                Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() / 1000 + "\n");
        Map<String, String> environment = Map.of("REFUNDS_JAR", jar.toString());

        // when the jar is the one the fast start was made from
        Ran fresh = run(environment, "jobs/nightly", "2026-11-25");
        // and once the jar was built again
        Files.writeString(fast.resolve("jar.stamp"), "9 1700000000\n");
        Ran stale = run(environment, "jobs/nightly", "2026-11-25");

        // then the first starts from the unpacked jar, the second from the jar itself, saying why
        assertThat(fresh.err()).contains("Unable to access jarfile " + fast.resolve("app").resolve("refund-settlement.jar"))
                .doesNotContain("earlier build");
        assertThat(stale.err()).startsWith("jobs/nightly: " + fast + " was made from an earlier build of the jar, so this "
                + "run starts from the jar itself; run jobs/fast-start again for the faster start\n")
                .contains("Invalid or corrupt jarfile " + jar);
        assertThat(List.of(fresh.exitCode(), stale.exitCode())).containsOnly(1);
    }

    @Test
    void runSampleRefusesToRemoveAFolderItDidNotMake(@TempDir Path folder) throws Exception {
        Path someonesRun = Files.createDirectories(folder.resolve("sample-run"));
        Files.writeString(someonesRun.resolve("keep-me.txt"), "not the sample's");

        Ran ran = run(Map.of("SAMPLE_RUN", someonesRun.toString()), "jobs/run-sample");

        assertThat(ran.exitCode()).isEqualTo(2);
        assertThat(ran.err()).contains("was not made by jobs/run-sample; nothing was removed");
        assertThat(someonesRun.resolve("keep-me.txt")).hasContent("not the sample's");
    }

    @Test
    void runSampleRefusesToRemoveAnOutboxWithAnotherDatabasesFiles(@TempDir Path folder) throws Exception {
        Path run = Files.createDirectories(folder.resolve("sample-run"));
        Files.writeString(run.resolve(".made-by-jobs-run-sample"), "database-of-the-sample\n");
        Path outbox = Files.createDirectories(run.resolve("outbox"));
        Files.writeString(outbox.resolve(".refund-settlement-database"), "another-database\n");
        Files.createDirectories(outbox.resolve("2026-11-25"));
        Files.writeString(outbox.resolve("2026-11-25").resolve("card-refunds-20261125-000001.csv"), "published");

        Ran ran = run(Map.of("SAMPLE_RUN", run.toString()), "jobs/run-sample");

        assertThat(ran.exitCode()).isEqualTo(2);
        assertThat(ran.err()).contains("holds settlement files published by another database than the sample's");
        assertThat(outbox.resolve("2026-11-25").resolve("card-refunds-20261125-000001.csv")).hasContent("published");
    }

    private static Ran run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("jobs-out", ".txt");
        Path err = Files.createTempFile("jobs-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ends", List.of(command)).isTrue();
            return new Ran(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
        finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
