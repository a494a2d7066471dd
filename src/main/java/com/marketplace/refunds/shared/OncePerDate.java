package com.marketplace.refunds.shared;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For a step that must act once per business date: whether it already did, and the record that it
 * did, written in the step's own transaction so the two can never disagree. Spring Batch's own
 * step status cannot promise this: a stop or a lost connection after the commit leaves the step
 * STOPPED or UNKNOWN, and a restart would run it again.
 */
public final class OncePerDate {

    private static final String DONE = "SELECT count(*) FROM step_done WHERE business_date = :d AND step_name = :step";
    private static final String RECORD = "INSERT INTO step_done (business_date, step_name) VALUES (:d, :step)";

    private OncePerDate() {
    }

    public static boolean alreadyDone(JdbcClient jdbc, LocalDate businessDate, String step) {
        return jdbc.sql(DONE).param("d", businessDate).param("step", step).query(Long.class).single() > 0;
    }

    public static void recordDone(JdbcClient jdbc, LocalDate businessDate, String step) {
        jdbc.sql(RECORD).param("d", businessDate).param("step", step).update();
    }
}
