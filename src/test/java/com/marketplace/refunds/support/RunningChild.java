package com.marketplace.refunds.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A child started by {@link ChildRun}: its output as it comes, signals, its end. Closing it kills it if it still runs. */
public final class RunningChild implements AutoCloseable {

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread pump;

    RunningChild(Process process) {
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

    public String output() {
        return output.toString();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for a line matching the pattern; returns it. */
    public Matcher awaitOutput(Pattern line, Duration limit) {
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

    public void awaitOutput(String line, Duration limit) {
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
    public void sigterm() {
        process.toHandle().destroy();
    }

    public ChildRun.Result awaitExit(Duration limit) {
        return exitWithin(limit).orElseThrow(() -> {
            close();
            return new IllegalStateException("the child did not finish within " + limit + ":\n" + output());
        });
    }

    /** The result if the child ends within the limit; empty (and still running) otherwise. */
    public Optional<ChildRun.Result> exitWithin(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            pump.join(10_000);
            return Optional.of(new ChildRun.Result(process.exitValue(), output()));
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
