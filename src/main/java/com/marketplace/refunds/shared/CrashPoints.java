package com.marketplace.refunds.shared;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named places where the reliability tests interrupt a run. Inert unless a system property
 * names the point:
 * <ul>
 * <li>{@code refunds.crash-at}: the process says so on standard output and waits there, for the
 * test to send SIGKILL at exactly that moment;</li>
 * <li>{@code refunds.pause-at}: the process says so and waits until the file named by
 * {@code refunds.pause-release} exists, then goes on (the test meanwhile cuts the database off, or
 * sends SIGTERM).</li>
 * </ul>
 */
public final class CrashPoints {

    private static final Logger log = LoggerFactory.getLogger(CrashPoints.class);
    public static final String REACHED = "CRASH POINT REACHED: ";
    public static final String PAUSED = "PAUSED AT: ";

    private CrashPoints() {
    }

    public static void reach(String name) {
        if (name.equals(System.getProperty("refunds.crash-at"))) {
            log.warn("Crash point {} reached; waiting to be killed", name);
            announce(REACHED + name);
            while (true) {
                sleep();
            }
        }
        if (name.equals(System.getProperty("refunds.pause-at"))) {
            Path release = Path.of(System.getProperty("refunds.pause-release", "pause-release"));
            announce(PAUSED + name);
            while (!Files.exists(release)) {
                sleep();
            }
        }
    }

    /**
     * Straight to standard output, not through the logger: the test waits for this exact line,
     * whatever the log pattern and levels of the child are.
     */
    private static void announce(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        }
        catch (InterruptedException e) {
            // a test process holds here on purpose; only the test ends the wait
        }
    }
}
