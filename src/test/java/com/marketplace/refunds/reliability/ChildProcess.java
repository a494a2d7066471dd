package com.marketplace.refunds.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.support.ChildRun;

/**
 * The real application in a child JVM, modelled on {@code support.ChildRun}, with what the tests
 * of this package need beyond SIGKILL at a crash point: holding the run at a pause point, SIGTERM,
 * extra JVM options (a log level), and a second run started while the first one is held.
 */
final class ChildProcess {

    static final Duration RUN_LIMIT = Duration.ofMinutes(2);

    record Result(int exitCode, String output) {

        /** The one line the command ends with: its outcome. */
        String outcome() {
            List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private final String databaseUrl;
    private final List<String> jvmOptions;

    ChildProcess(String databaseUrl, String... jvmOptions) {
        this.databaseUrl = databaseUrl;
        this.jvmOptions = List.of(jvmOptions);
    }

    /** Runs the command to its end. */
    Result run(String... arguments) {
        try (Running running = start(arguments)) {
            return running.awaitExit(RUN_LIMIT);
        }
    }

    /** Starts the command and returns once it is held at the pause point, until {@code release} exists. */
    Running pausedAt(String point, Path release, String... arguments) {
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Drefunds.pause-at=" + point);
        options.add("-Drefunds.pause-release=" + release);
        Running running = new ChildProcess(databaseUrl, options.toArray(String[]::new)).start(arguments);
        running.awaitOutput(CrashPoints.PAUSED + point, Duration.ofSeconds(60));
        return running;
    }

    Running start(String... arguments) {
        return start(Map.of(), arguments);
    }

    /** Starts the command with these environment variables added (settings, as a service manager passes them). */
    Running start(Map<String, String> environment, String... arguments) {
        ProcessBuilder builder = ChildRun.processBuilder(databaseUrl, jvmOptions, arguments);
        builder.environment().putAll(environment);
        try {
            return new Running(builder.start());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void release(Path release) {
        try {
            Files.writeString(release, "go");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started child: its output as it comes, signals, its end. Closing it kills it if it still runs. */
    static final class Running implements AutoCloseable {

        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final Thread pump;

        private Running(Process process) {
            this.process = process;
            this.pump = new Thread(this::pumpOutput, "child-output-" + process.pid());
            this.pump.setDaemon(true);
            this.pump.start();
        }

        private void pumpOutput() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                }
            }
            catch (IOException e) {
                output.append("(output lost: ").append(e.getMessage()).append(")\n");
            }
        }

        String output() {
            return output.toString();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** Waits for a line matching the pattern; returns it. */
        Matcher awaitOutput(Pattern line, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (true) {
                Optional<Matcher> found = output().lines().map(line::matcher).filter(Matcher::matches).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the child did not print a line like '" + line + "':\n" + output());
                }
                sleep(50);
            }
        }

        void awaitOutput(String line, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!output().lines().anyMatch(line::equals)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the child ended (exit " + process.exitValue()
                            + ") without printing '" + line + "':\n" + output());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the child did not print '" + line + "' within " + limit + ":\n"
                            + output());
                }
                sleep(50);
            }
        }

        /**
         * SIGTERM, as a scheduler or {@code kill} sends it. Through the process handle: Process.destroy()
         * would also close the pipe and lose what the child says while it stops.
         */
        void sigterm() {
            process.toHandle().destroy();
        }

        Result awaitExit(Duration limit) {
            return exitWithin(limit).orElseThrow(() -> {
                close();
                return new IllegalStateException("the child did not finish within " + limit + ":\n" + output());
            });
        }

        /** The result if the child ends within the limit; empty (and still running) otherwise. */
        Optional<Result> exitWithin(Duration limit) {
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    return Optional.empty();
                }
                pump.join(10_000);
                return Optional.of(new Result(process.exitValue(), output()));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
