package com.marketplace.refunds.stuck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.marketplace.refunds.action.People;
import com.marketplace.refunds.archive.Archiver;
import com.marketplace.refunds.stuck.internal.FlagStuckTasklet;
import com.marketplace.refunds.support.TestDatabase;

/**
 * A refunds database as the nightly job leaves it as of {@link #D}, for the support site's tests: the
 * schema migrated by the batch's role, nine refunds of every status and age around the 30/31-day
 * boundary in three currencies and both methods, their histories, the stuck flags, people's accounts
 * (alice SUPPORT and bob FINANCE without passwords; {@code support} and {@code finance} with
 * {@link #PASSWORD} and {@link #FINANCE_PASSWORD}), an approved reissue of RF-2A, and the
 * read-only role made by {@code jobs/create-support-role} exactly as the README tells support to.
 *
 * <pre>
 * refund  order  store    buyer  method  currency  amount  status             approved  stuck as of D
 * RF-4A   O-4    S-SHADY  B-4    PAYPAL  USD        99.99  FAILED             D-70      FAILED
 * RF-1D   O-1    S-ACME   B-1    CARD    USD         7.00  REFUNDED           D-60      -
 * RF-2A   O-2    S-ACME   B-2    PAYPAL  EUR        20.00  FAILED             D-50      FAILED
 * RF-1C   O-1    S-ACME   B-1    CARD    USD         5.00  WAITING_REFUND     D-45      NEVER_SENT
 * RF-3A   O-3    S-SHADY  B-3    CARD    JPY         1500  WAITING_REFUND     D-40      NEVER_SENT
 * RF-2B   O-2    S-ACME   B-2    PAYPAL  EUR         7.50  REFUND_PROCESSING  D-35      NO_CONFIRMATION
 * RF-3B   O-3    S-SHADY  B-3    CARD    JPY          250  REFUND_PROCESSING  D-32      NO_CONFIRMATION
 * RF-1B   O-1    S-ACME   B-1    CARD    USD        12.30  REFUND_PROCESSING  D-31      NO_CONFIRMATION
 * RF-1A   O-1    S-ACME   B-1    CARD    USD        10.00  REFUND_PROCESSING  D-30      - (30 days: not yet)
 * </pre>
 */
public final class SupportSiteFixture {

    public static final LocalDate D = LocalDate.parse("2027-01-31");
    /**
     * The read-only role, one per test JVM: the classes of one JVM run one after the other, each making it
     * and dropping it at its end. Shared by the two JVMs of the suite, one's end dropped it while the other
     * was between creating it and granting it its tables ("role ... does not exist" in create-support-role).
     */
    public static final String READER = TestDatabase.nameFor("support_reader_" + ProcessHandle.current().pid());
    /** The password of the support person {@code support} (role SUPPORT), who signs in on the site. */
    public static final String PASSWORD = "a-long-support-passphrase";
    /** The password of the finance person {@code finance} (role FINANCE), who signs in on the site. */
    public static final String FINANCE_PASSWORD = "a-long-finance-passphrase";

    private SupportSiteFixture() {
    }

    /** Creates the database {@code <prefix><name>} as described; returns its JDBC URL. */
    public static String create(String name) {
        String url = TestDatabase.fresh(name);
        DriverManagerDataSource batchRole = new DriverManagerDataSource(url, TestDatabase.USER, "");
        Flyway.configure().dataSource(batchRole).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(batchRole);
        order(jdbc, "O-1", "S-ACME", "B-1", "CARD", "USD");
        order(jdbc, "O-2", "S-ACME", "B-2", "PAYPAL", "EUR");
        order(jdbc, "O-3", "S-SHADY", "B-3", "CARD", "JPY");
        order(jdbc, "O-4", "S-SHADY", "B-4", "PAYPAL", "USD");
        refund(jdbc, "RF-4A", "O-4", 9999, 70, "WAITING_REFUND", "REFUND_PROCESSING", "REFUNDED", "FAILED");
        refund(jdbc, "RF-1D", "O-1", 700, 60, "WAITING_REFUND", "REFUND_PROCESSING", "REFUNDED");
        refund(jdbc, "RF-2A", "O-2", 2000, 50, "WAITING_REFUND", "REFUND_PROCESSING", "REFUNDED", "FAILED");
        refund(jdbc, "RF-1C", "O-1", 500, 45, "WAITING_REFUND");
        refund(jdbc, "RF-3A", "O-3", 1500, 40, "WAITING_REFUND");
        refund(jdbc, "RF-2B", "O-2", 750, 35, "WAITING_REFUND", "REFUND_PROCESSING");
        refund(jdbc, "RF-3B", "O-3", 250, 32, "WAITING_REFUND", "REFUND_PROCESSING");
        refund(jdbc, "RF-1B", "O-1", 1230, 31, "WAITING_REFUND", "REFUND_PROCESSING");
        refund(jdbc, "RF-1A", "O-1", 1000, 30, "WAITING_REFUND", "REFUND_PROCESSING");
        order(jdbc, "O-5", "S-ACME", "B-5", "CARD", "USD");
        refund(jdbc, "RF-5A", "O-5", 1200, 80, "WAITING_REFUND", "REFUND_PROCESSING", "REFUNDED");
        jdbc.sql("UPDATE orders SET protection_expires_at = :p WHERE order_id = 'O-5'")
                .param("p", D.minusDays(60).atStartOfDay().atOffset(ZoneOffset.UTC)).update();
        // a reissue of the failed RF-2A, asked by support and approved by finance, not applied yet
        // alice and bob act on the command line only; support and finance sign in on the site
        jdbc.sql("INSERT INTO person (name, role) VALUES ('alice', 'SUPPORT'), ('bob', 'FINANCE')").update();
        People people = new People(jdbc);
        people.add("support", "SUPPORT", PASSWORD);
        people.add("finance", "FINANCE", FINANCE_PASSWORD);
        long request = jdbc.sql("SELECT request_action('alice', 'reissue', 'RF-2A', NULL, NULL, 'buyer gave a new card', "
                + "NULL, NULL)").query(Long.class).single();
        jdbc.sql("SELECT decide_action('bob', ?, true, 'checked with the buyer')").param(request).query(String.class).single();
        new FlagStuckTasklet(jdbc, 30).flag(D.minusDays(1));
        new FlagStuckTasklet(jdbc, 30).flag(D);
        jdbc.sql("""
                INSERT INTO nightly_run (business_date, status, started_at, finished_at)
                VALUES (:d, 'COMPLETED', now(), now()), (:d + 1, 'FAILED', now(), now())
                """).param("d", D).update();
        // O-5, paid in full long ago, moves to the archive: support finds its refund all the same
        new Archiver(jdbc, new DataSourceTransactionManager(batchRole), 0).archive(0, moved -> { });
        if (jdbc.sql("SELECT count(*) FROM archived_refund WHERE refund_id = 'RF-5A'").query(Long.class).single() != 1) {
            throw new IllegalStateException("RF-5A should be in the archive");
        }
        createReadOnlyRole(url, READER);
        return url;
    }

    /** Runs {@code jobs/create-support-role} for the role on the database, as the README tells support to. */
    public static void createReadOnlyRole(String url, String role) {
        TestDatabase.madeRole(role);
        try {
            ProcessBuilder builder = new ProcessBuilder(Path.of("jobs", "create-support-role").toAbsolutePath().toString(),
                    url.substring(url.lastIndexOf('/') + 1), role).redirectErrorStream(true);
            builder.environment().put("PGHOST", TestDatabase.HOST);
            builder.environment().put("PGPORT", TestDatabase.PORT);
            builder.environment().put("PGUSER", TestDatabase.USER);
            Process script = builder.start();
            script.getOutputStream().close();
            String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!script.waitFor(60, TimeUnit.SECONDS) || script.exitValue() != 0) {
                throw new IllegalStateException("jobs/create-support-role failed: " + output);
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot run jobs/create-support-role (needs bash and psql)", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void order(JdbcClient jdbc, String id, String store, String buyer, String method, String currency) {
        jdbc.sql("""
                INSERT INTO orders (order_id, store_id, buyer_id, payment_method, payment_reference, currency, items_minor,
                       shipping_minor, paid_at, ship_deadline, free_return, protection_expires_at, first_seen_on,
                       last_changed_on)
                VALUES (:id, :store, :buyer, :method, 'ref-' || :id, :currency, 1000000, 0, now(), now(), false, now(),
                        :d, :d)
                """).param("id", id).param("store", store).param("buyer", buyer).param("method", method)
                .param("currency", currency).param("d", D.minusDays(90)).update();
    }

    /** A refund approved {@code age} days before D that went through {@code statuses}, one a day. */
    private static void refund(JdbcClient jdbc, String id, String order, long amountMinor, int age, String... statuses) {
        LocalDate approved = D.minusDays(age);
        String status = statuses[statuses.length - 1];
        jdbc.sql("""
                INSERT INTO refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference,
                       currency, amount_minor, status, approved_on, status_changed_on)
                SELECT 'CANCEL:' || :id, :id, order_id, 'CANCELLATION', payment_method, payment_reference, currency,
                       :amount, :status, :approved, :approved FROM orders WHERE order_id = :order
                """).param("id", id).param("order", order).param("amount", amountMinor).param("status", status)
                .param("approved", approved).update();
        String from = null;
        for (int day = 0; day < statuses.length; day++) {
            jdbc.sql("""
                    INSERT INTO refund_status_change (refund_id, from_status, to_status, business_date, job_execution_id, why)
                    VALUES (:id, :from, :to, :date, :run, :why)
                    """).param("id", id).param("from", from).param("to", statuses[day])
                    .param("date", approved.plusDays(day)).param("run", 100 + day)
                    .param("why", why(statuses[day], id)).update();
            from = statuses[day];
        }
    }

    private static String why(String status, String id) {
        return switch (status) {
            case "WAITING_REFUND" -> "APPROVED CANCELLATION CANCEL:" + id;
            case "REFUND_PROCESSING" -> "sent in card-refunds-000001.csv";
            case "REFUNDED" -> "confirmed in settlement_detail_report_batch_1.csv line 4";
            default -> "reversed in settlement_detail_report_batch_2.csv line 9";
        };
    }
}
