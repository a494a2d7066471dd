package com.marketplace.refunds.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.marketplace.refunds.RefundSettlementApplication;
import com.marketplace.refunds.shared.CrashPoints;

/**
 * The real application in a child JVM, as the scheduler runs it: its own process, its exit code,
 * its output; and SIGKILL at a named crash point when asked.
 */
public final class ChildRun {

    public record Result(int exitCode, String output) {
    }

    private final String databaseUrl;
    private final List<String> jvmOptions = new ArrayList<>();

    public ChildRun(String databaseUrl) {
        this.databaseUrl = databaseUrl;
    }

    /** Runs the command to its end. */
    public Result run(String... arguments) throws IOException, InterruptedException {
        Process process = start(null, arguments);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child run did not finish in 2 minutes:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** Runs the command until it reaches the crash point, then kills it with SIGKILL; returns its output. */
    public String killAt(String crashPoint, String... arguments) throws IOException, InterruptedException {
        Process process = start(crashPoint, arguments);
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.equals(CrashPoints.REACHED + crashPoint)) {
                    process.destroyForcibly(); // SIGKILL on Unix
                    process.waitFor(30, TimeUnit.SECONDS);
                    return output.toString();
                }
            }
        }
        process.waitFor(30, TimeUnit.SECONDS);
        throw new IllegalStateException("the child run ended (exit " + process.exitValue() + ") without reaching "
                + crashPoint + ":\n" + output);
    }

    private Process start(String crashPoint, String... arguments) throws IOException {
        List<String> options = new ArrayList<>(jvmOptions);
        if (crashPoint != null) {
            options.add("-Drefunds.crash-at=" + crashPoint);
        }
        return processBuilder(databaseUrl, options, arguments).start();
    }

    /**
     * The command line of the application in a child JVM: small heap, quick start, the test's class
     * path, and the database in the environment, as the scheduler would pass it.
     */
    public static ProcessBuilder processBuilder(String databaseUrl, List<String> jvmOptions, String... arguments) {
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
