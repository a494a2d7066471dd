package com.marketplace.refunds.nightly;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First in a night, beside the drop's verification: the tables of open items the nights before churned are
 * vacuumed, so each stays about as small as what is open in it, whatever autovacuum does. Every night a
 * third to all of {@code open_refund}'s rows leave it (confirmed, failed) or change (claimed), new ones come
 * in, and {@code open_ship_deadline} loses the deadlines it judged. Without a vacuum the dead rows stay, and
 * each night's scans of these tables read them (the settlement claim and the file's rows, the stuck flags):
 * on the machine's server as it is (autovacuum off), {@code open_refund} held 241,033 open refunds in 1.2 GB
 * after thirty nights (290 MB with this vacuum), and night 30's statements on it took 12.0 s of the database's
 * time (4.3 s with it; README, "Measured"). A plain VACUUM (no lock that stops a reader or a writer;
 * SKIP_LOCKED, so a table autovacuum is working on is left to it) costs what was changed since the last one.
 *
 * <p>At the start, not the end: the run lock's transaction, open for the whole run, began before any row the
 * run deletes, so no vacuum can remove those until the run ends; a vacuum within the run removes only what
 * earlier runs left, and at the start it costs little time (the verification keeps one core busy reading
 * files; 0.6 s to 1.4 s a night beside it over thirty nights). VACUUM cannot run inside a transaction, so it
 * runs on a connection of its own (its step holds none). It keeps nothing a run depends on: a failed one is
 * told and the run goes on (a lost database fails the next step). A preview keeps nothing at all, so it
 * vacuums nothing.
 *
 * <p>Then, on a connection of its own as well (so that either can fail alone), the page ranges of the
 * decisions earlier nights stored are summarized (V35: decisions are found by the ranges of their date).
 * A range not summarized yet counts for every date, so without this each night's readers of its
 * decisions would read every night's on a server without autovacuum; a summary costs a read of the
 * pages stored since the last one.
 */
public class OpenItemsVacuum implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(OpenItemsVacuum.class);

    /** The tables of open items (issue 10: "tables of open items that stay small"). */
    static final String VACUUM = "VACUUM (SKIP_LOCKED) open_refund, open_ship_deadline";

    static final String SUMMARIZE_DECISION_RANGES = "SELECT brin_summarize_new_values('decision_date_range_idx')";

    private final DataSource dataSource;
    private final boolean preview;

    public OpenItemsVacuum(DataSource dataSource, boolean preview) {
        this.dataSource = dataSource;
        this.preview = preview;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (preview) {
            return RepeatStatus.FINISHED;
        }
        keepUp("vacuum of the tables of open items (open_refund, open_ship_deadline)", VACUUM);
        keepUp("summary of the decisions' new date ranges", SUMMARIZE_DECISION_RANGES);
        return RepeatStatus.FINISHED;
    }

    /** One statement on a connection of its own, outside any transaction; told, never failing the run. */
    private void keepUp(String what, String statement) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement upkeep = connection.createStatement()) {
            connection.setAutoCommit(true);
            upkeep.execute(statement);
            log.info("{}: done in {} ms", what, (System.nanoTime() - started) / 1_000_000);
        }
        catch (SQLException e) {
            log.warn("{}: not done tonight ({}); the next run tries again", what, FirstLine.of(e.getMessage()));
        }
    }
}
