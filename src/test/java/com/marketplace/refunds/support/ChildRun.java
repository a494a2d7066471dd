package com.marketplace.refunds.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.marketplace.refunds.RefundSettlementApplication;
import com.marketplace.refunds.shared.CrashPoints;

/**
 * The real application in a child JVM, as the scheduler runs it: its own process, its exit code,
 * its output. Also what the reliability tests do to it: SIGKILL at a named crash point, holding it
 * at a pause point, SIGTERM (through {@link RunningChild}), extra JVM options (a log level), and a
 * second run started while the first one is held.
 */
public final class ChildRun {

    public static final Duration RUN_LIMIT = Duration.ofMinutes(2);

    public record Result(int exitCode, String output) {

        /** The one line the command ends with: its outcome. */
        public String outcome() {
            List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private final String databaseUrl;
    private final List<String> jvmOptions;

    public ChildRun(String databaseUrl, String... jvmOptions) {
        this.databaseUrl = databaseUrl;
        this.jvmOptions = List.of(jvmOptions);
    }

    /** Runs the command to its end. */
    public Result run(String... arguments) {
        try (RunningChild running = start(arguments)) {
            return running.awaitExit(RUN_LIMIT);
        }
    }

    /** Runs the command until it reaches the crash point, then kills it with SIGKILL; returns its output. */
    public String killAt(String crashPoint, String... arguments) {
        try (RunningChild running = with("-Drefunds.crash-at=" + crashPoint).start(arguments)) {
            running.awaitOutput(CrashPoints.REACHED + crashPoint, RUN_LIMIT);
            running.close(); // SIGKILL on Unix
            return running.output();
        }
    }

    /** Starts the command and returns once it is held at the pause point, until {@code release} exists. */
    public RunningChild pausedAt(String point, Path release, String... arguments) {
        RunningChild running = with("-Drefunds.pause-at=" + point, "-Drefunds.pause-release=" + release)
                .start(arguments);
        running.awaitOutput(CrashPoints.PAUSED + point, Duration.ofSeconds(60));
        return running;
    }

    public RunningChild start(String... arguments) {
        return start(Map.of(), arguments);
    }

    /** Starts the command with these environment variables added (settings, as a service manager passes them). */
    public RunningChild start(Map<String, String> environment, String... arguments) {
        ProcessBuilder builder = processBuilder(arguments);
        builder.environment().putAll(environment);
        try {
            return new RunningChild(builder.start());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets a child held at its pause point go on. */
    public static void release(Path release) {
        try {
            Files.writeString(release, "go");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ChildRun with(String... moreJvmOptions) {
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(List.of(moreJvmOptions));
        return new ChildRun(databaseUrl, options.toArray(String[]::new));
    }

    /**
     * The command line of the application in a child JVM: small heap, quick start, the test's class
     * path, and the database in the environment, as the scheduler would pass it.
     */
    private ProcessBuilder processBuilder(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ChildJvm.BASE_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(ChildJvm.classPathOptions());
        command.add(RefundSettlementApplication.class.getName());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SPRING_DATASOURCE_URL", databaseUrl);
        builder.environment().put("SPRING_DATASOURCE_USERNAME", TestDatabase.USER);
        return builder;
    }
}
