package com.marketplace.refunds.shared;

import java.util.Map;
import java.util.function.IntSupplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A statement that pairs this night's rows with a table holding every night's: the stored side is
 * reached through its index, one lookup per row of the night, never hashed or sorted whole. The
 * planner, seeing a million rows of tonight against a hundred million stored ones (or stale
 * statistics), prices hashing the whole table below a million index lookups; on a server whose data
 * sits in memory it is not, and its cost would grow with every night kept. Only for statements whose
 * stored side has an index on the join key, inside the step's transaction: hash and merge joins are
 * off for that statement and put back as they were after it.
 *
 * <p>JIT compilation is off for it too. PostgreSQL compiles a statement whose estimated cost passes
 * {@code jit_above_cost}, and these costs are the planner's figures for the joins it was just told
 * not to use, or for sets it cannot count (the fraud blocks' nights and buckets): the fraud blocks'
 * statement was compiled with inlining and optimisation every night, about 350 ms of a run on a
 * night of a few orders as on a night of a million, and by-key statements of a million lookups
 * spend their time in the index, not in the expressions JIT speeds up (a usual night with JIT off
 * throughout: no statement slower, README "Measured").
 */
public final class ByKey {

    private static final String CURRENT = """
            SELECT current_setting('enable_hashjoin') AS hash, current_setting('enable_mergejoin') AS merge,
                   current_setting('jit') AS jit, current_setting('enable_memoize') AS memoize
            """;
    private static final String SET = """
            SELECT set_config('enable_hashjoin', :hash, true), set_config('enable_mergejoin', :merge, true),
                   set_config('jit', :jit, true), set_config('enable_memoize', :memoize, true)
            """;

    private ByKey() {
    }

    public static int rows(JdbcClient jdbc, IntSupplier statement) {
        return with(jdbc, true, false, statement);
    }

    /**
     * A statement with JIT compilation off, its joins left to the planner: one whose estimated cost passes
     * {@code jit_above_cost} for work it will not do (a lookup priced for every row, done for a few).
     */
    public static int withoutJit(JdbcClient jdbc, IntSupplier statement) {
        return with(jdbc, false, false, statement);
    }

    /**
     * {@link #run} for a statement whose rows of the night come sorted by the key they look up, so each
     * key's rows follow one another: the planner's cache of lookups (Memoize), which it puts in front of
     * the index when it expects keys to repeat, can then only repeat the lookup just made, whose pages are
     * at hand anyway, and it evicts an entry for nearly every row. It is off for the statement too: the
     * decisions' pass of a dense night's part, 4.2 s of PostgreSQL's time with it, 3.7 s without
     * (README, "Measured").
     */
    public static void runInKeyOrder(JdbcClient jdbc, Runnable statement) {
        with(jdbc, true, true, () -> {
            statement.run();
            return 0;
        });
    }

    /**
     * The statement with JIT off, hash and merge joins off too when {@code byKey}, and the Memoize cache
     * when {@code inKeyOrder}; all put back after it. When the statement fails, its error is the one
     * thrown: its transaction is then aborted, so putting the settings back fails too (they are the
     * transaction's own and go with its rollback), and that second error must not hide the first.
     */
    private static int with(JdbcClient jdbc, boolean byKey, boolean inKeyOrder, IntSupplier statement) {
        Map<String, Object> before = jdbc.sql(CURRENT).query().singleRow();
        jdbc.sql(SET).param("hash", byKey ? "off" : before.get("hash")).param("merge", byKey ? "off" : before.get("merge"))
                .param("jit", "off").param("memoize", inKeyOrder ? "off" : before.get("memoize")).query().singleRow();
        int rows;
        try {
            rows = statement.getAsInt();
        }
        catch (RuntimeException | Error failure) {
            try {
                putBack(jdbc, before);
            }
            catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
            throw failure;
        }
        putBack(jdbc, before);
        return rows;
    }

    private static void putBack(JdbcClient jdbc, Map<String, Object> before) {
        jdbc.sql(SET).param("hash", before.get("hash")).param("merge", before.get("merge"))
                .param("jit", before.get("jit")).param("memoize", before.get("memoize")).query().singleRow();
    }

    public static void run(JdbcClient jdbc, Runnable statement) {
        rows(jdbc, () -> {
            statement.run();
            return 0;
        });
    }
}
