package com.marketplace.refunds.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps a nightly statement's cost to what the night brings and what is still open, whatever the
 * planner's statistics say about a table that holds every night's rows. Inside the step's
 * transaction, where the settings last until they are put back; every other statement keeps the
 * planner's choices.
 */
public final class ByKey {

    private static final Map<String, String> JOINS_BY_KEY = Map.of("enable_hashjoin", "off", "enable_mergejoin", "off");

    private ByKey() {
    }

    /**
     * A statement that pairs this night's rows with a table holding every night's: the stored side
     * is reached through its index, one lookup per row of the night, never hashed or sorted whole.
     * The planner, seeing a million rows of tonight against a hundred million stored ones, prices
     * hashing the whole table below a million index lookups; on a server whose data sits in memory
     * it is not, and its cost would grow with every night kept. Only for statements whose stored
     * side has an index on the join key.
     */
    public static int rows(JdbcClient jdbc, IntSupplier statement) {
        return with(jdbc, JOINS_BY_KEY, statement::getAsInt);
    }

    public static void run(JdbcClient jdbc, Runnable statement) {
        rows(jdbc, () -> {
            statement.run();
            return 0;
        });
    }

    private static <T> T with(JdbcClient jdbc, Map<String, String> settings, Supplier<T> statement) {
        Map<String, String> before = new LinkedHashMap<>();
        settings.keySet().forEach(name -> before.put(name,
                jdbc.sql("SELECT current_setting(:name)").param("name", name).query(String.class).single()));
        set(jdbc, settings);
        try {
            return statement.get();
        }
        finally {
            set(jdbc, before);
        }
    }

    private static void set(JdbcClient jdbc, Map<String, String> settings) {
        settings.forEach((name, value) -> jdbc.sql("SELECT set_config(:name, :value, true)").param("name", name)
                .param("value", value).query(String.class).single());
    }
}
