package com.marketplace.refunds.shared;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What became of a business date's run, as {@code nightly_run.status} stores it: RUNNING, then FAILED or
 * COMPLETED; CARRIED when its late drop was read by a later date's run. Not a refund's status, nor
 * Spring Batch's: a vocabulary of its own, spelled here once, in SQL too ({@link #sql()}).
 */
public enum NightlyRunStatus {
    RUNNING, FAILED, COMPLETED, CARRIED;

    /** The status as an SQL literal, {@code 'COMPLETED'}, for the text-block SQL (a constant, never user input). */
    public String sql() {
        return "'" + name() + "'";
    }

    /** The statuses as an SQL list, {@code 'COMPLETED', 'CARRIED'}, for {@code IN (...)}. */
    public static String sqlList(NightlyRunStatus... statuses) {
        return Arrays.stream(statuses).map(NightlyRunStatus::sql).collect(Collectors.joining(", "));
    }
}
