package com.marketplace.refunds.nightly;

import java.time.LocalDate;

/**
 * How the user started the program, so that usage and every "run this" hint name the command they
 * actually typed: {@code jobs/nightly} (it says so in {@code REFUNDS_LAUNCHER}) or {@code java -jar}
 * with the path of the jar as given ({@code target/refund-settlement.jar} when it cannot be told: in
 * the tests, or a jar renamed).
 */
public final class Launcher {

    /** Set by {@code jobs/nightly}, which takes the date as its first argument. */
    public static final String JOBS_NIGHTLY = "jobs/nightly";
    private static final String VARIABLE = "REFUNDS_LAUNCHER";
    private static final String PROPERTY = "refunds.launcher";
    private static final String DEFAULT_JAR = "target/refund-settlement.jar";

    private Launcher() {
    }

    /** Whether the user typed {@code jobs/nightly}. */
    public static boolean jobsNightly() {
        String launcher = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        return launcher != null && launcher.endsWith(JOBS_NIGHTLY);
    }

    /** {@code java -jar <the jar as typed>}, the start of every command but jobs/nightly's. */
    public static String java() {
        String command = System.getProperty("sun.java.command", "");
        String first = command.isBlank() ? "" : command.strip().split("\\s+")[0];
        boolean ours = first.endsWith(".jar") && java.nio.file.Path.of(first).getFileName().toString()
                .startsWith("refund-settlement");
        return "java -jar " + (ours ? first : DEFAULT_JAR);
    }

    /** The command that catches up: runs every due date (docs/running.md, "Catch-up"), as the user would type it. */
    public static String nightly() {
        return jobsNightly() ? JOBS_NIGHTLY : java() + " nightly";
    }

    /** The command that runs the nightly job for the date, as the user would type it. */
    public static String nightly(LocalDate businessDate) {
        return jobsNightly() ? JOBS_NIGHTLY + " " + businessDate : java() + " nightly --business-date=" + businessDate;
    }
}
