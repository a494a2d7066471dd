package com.marketplace.refunds.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.marketplace.refunds.shared.ByKey;

/**
 * A fresh database with the application's schema for a plan test: everything the test does, fixtures
 * and statements, is one transaction on one connection, rolled back when closed. Gives a statement's
 * plan as the steps would run it.
 */
public final class RolledBackDatabase implements AutoCloseable {

    private final SingleConnectionDataSource dataSource;
    private final JdbcClient jdbc;

    private RolledBackDatabase(String name) {
        this.dataSource = TestDatabase.migrated(name);
        this.jdbc = JdbcClient.create(dataSource);
        jdbc.sql("BEGIN").update();
    }

    /** {@code <prefix><name>}, made afresh (TestDatabase.migrated), its transaction begun. */
    public static RolledBackDatabase migrated(String name) {
        return new RolledBackDatabase(name);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** The statement's plan (EXPLAIN), by key ({@link ByKey}) when the step runs it so. */
    public List<String> plan(String statement, boolean byKey, Map<String, ?> params) {
        return explained("EXPLAIN ", statement, byKey, params);
    }

    /** The statement run under EXPLAIN ANALYZE, so it takes effect, by key when the step runs it so. */
    public List<String> analyzed(String statement, boolean byKey, Map<String, ?> params) {
        return explained("EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) ", statement, byKey, params);
    }

    private List<String> explained(String explain, String statement, boolean byKey, Map<String, ?> params) {
        List<String> plan = new ArrayList<>();
        Runnable run = () -> plan.addAll(jdbc.sql(explain + statement).params(params).query(String.class).list());
        if (byKey) {
            ByKey.run(jdbc, run);
        }
        else {
            run.run();
        }
        return plan;
    }

    @Override
    public void close() {
        try {
            jdbc.sql("ROLLBACK").update();
        }
        finally {
            dataSource.close();
        }
    }
}
