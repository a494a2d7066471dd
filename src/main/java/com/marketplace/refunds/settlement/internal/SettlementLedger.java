package com.marketplace.refunds.settlement.internal;

import java.time.LocalDate;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Row;
import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Rows;
import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Written;
import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.PaymentMethod;
import com.marketplace.refunds.shared.PgBinaryCopy;
import com.marketplace.refunds.shared.RefundStatus;

/** The settlement files as the database knows them: claims, their refunds in file order, publication. */
final class SettlementLedger {

    private static final Logger log = LoggerFactory.getLogger(SettlementLedger.class);

    record Claim(PaymentMethod method, LocalDate businessDate, int sequence, String fileName, boolean published) {
    }

    private static final String FILE_OF_DAY = """
            SELECT sequence, file_name, status
              FROM settlement_file WHERE payment_method = :method AND business_date = :businessDate
            """;

    private static final String NEXT_SEQUENCE = """
            UPDATE settlement_sequence SET last_sequence = last_sequence + 1 WHERE payment_method = :method
            RETURNING last_sequence
            """;

    /**
     * A file reserved for an earlier date whose run never claimed it: that run failed and its date was
     * given up (its drop folder taken away), since a later date runs only then. Its number and its
     * refunds pass to this date's file, so they go out and no number is skipped.
     */
    private static final String GIVEN_UP_RESERVATION = """
            SELECT sequence, file_name, business_date FROM settlement_file
             WHERE payment_method = :method AND status = 'RESERVED' AND business_date < :businessDate
             ORDER BY sequence LIMIT 1
            """;

    private static final String TAKE_OVER_FILE = """
            UPDATE settlement_file SET business_date = :businessDate, file_name = :fileName, claimed_at = now()
             WHERE file_name = :givenUp AND status = 'RESERVED'
            """;

    private static final String TAKE_OVER_REFUNDS = """
            UPDATE refund r SET settlement_file = :fileName, status_changed_on = :businessDate
              FROM open_refund x
             WHERE x.settlement_file = :givenUp AND r.refund_id = x.refund_id AND r.settlement_file = :givenUp
            """;

    private static final String RESERVE_FILE = """
            INSERT INTO settlement_file (payment_method, sequence, business_date, file_name, status)
            VALUES (:method, :sequence, :businessDate, :fileName, 'RESERVED')
            """;

    /**
     * The refunds of the method that waited (reissues, released holds, refunds of a night whose file was
     * not reserved), found in open_refund and each reached by key, in order_id order: the order in which a
     * night's refunds lie in refund, so consecutive ones share pages. They join the ones the night's
     * decisions wrote into the reserved file (V24). Their history rows, one per refund of the file, are
     * the claim's own row below (V39).
     */
    private static final String CLAIM_REFUNDS = """
            UPDATE refund r SET status = %2$s, settlement_file = :fileName, status_changed_on = :businessDate
              FROM (SELECT refund_id FROM open_refund
                     WHERE status = %1$s AND payment_method = :method
                     ORDER BY order_id, refund_id) x
             WHERE r.refund_id = x.refund_id AND r.status = %1$s
            """.formatted(RefundStatus.WAITING_REFUND.sql(), RefundStatus.REFUND_PROCESSING.sql());

    /**
     * The claim in the status history: refund_status_history shows a "sent in" row for every refund whose
     * settlement_file is this file, with this row's run, time and id (V39).
     */
    private static final String RECORD_CLAIM = """
            INSERT INTO settlement_claim (file_name, business_date, history_id, job_execution_id)
            VALUES (:fileName, :businessDate, nextval(pg_get_serial_sequence('refund_status_change', 'id')),
                    :jobExecutionId)
            """;

    private static final String CLAIM_FILE = """
            UPDATE settlement_file SET status = 'CLAIMED', claimed_at = now()
             WHERE file_name = :fileName AND status = 'RESERVED'
            """;

    /**
     * A file is written the night it is claimed, when every refund in it is REFUND_PROCESSING and so
     * in open_refund, which names its file and mirrors every column the file needs (V34): that small
     * table alone is read. Streamed by COPY, which takes no parameters: the file's name, of the
     * application's own making, is written in as a literal.
     */
    private static final String ROWS_OF_FILE = """
            SELECT refund_id, order_id, payment_reference, currency, amount_minor, trigger_type
              FROM open_refund
             WHERE settlement_file = '%s'
             ORDER BY refund_id COLLATE "C\"""";

    private static final String PUBLISH = """
            UPDATE settlement_file SET status = 'PUBLISHED', published_at = now(), record_count = :records, sha256 = :sha256
             WHERE file_name = :fileName AND status = 'CLAIMED'
            """;

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    SettlementLedger(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    private record FileOfDay(int sequence, String fileName, String status) {
    }

    private record GivenUp(int sequence, String fileName, LocalDate businessDate) {
    }

    /**
     * The date's file for the method: the one reserved or claimed before, or a new one, RESERVED, that
     * takes the next sequence number. Call inside a transaction.
     */
    private FileOfDay fileOfDay(PaymentMethod method, LocalDate businessDate) {
        Optional<FileOfDay> earlier = jdbc.sql(FILE_OF_DAY).param("method", method.name())
                .param("businessDate", businessDate)
                .query((row, n) -> new FileOfDay(row.getInt("sequence"), row.getString("file_name"),
                        row.getString("status")))
                .optional();
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Optional<GivenUp> givenUp = jdbc.sql(GIVEN_UP_RESERVATION).param("method", method.name())
                .param("businessDate", businessDate)
                .query((row, n) -> new GivenUp(row.getInt("sequence"), row.getString("file_name"),
                        row.getObject("business_date", LocalDate.class)))
                .optional();
        if (givenUp.isPresent()) {
            GivenUp file = givenUp.get();
            String fileName = method.fileName(businessDate, file.sequence());
            jdbc.sql(TAKE_OVER_FILE).param("businessDate", businessDate).param("fileName", fileName)
                    .param("givenUp", file.fileName()).update();
            int refunds = ByKey.rows(jdbc, () -> jdbc.sql(TAKE_OVER_REFUNDS).param("businessDate", businessDate)
                    .param("fileName", fileName).param("givenUp", file.fileName()).update());
            log.warn("{} was reserved for {}, whose run failed and was given up; its number and its {} refunds "
                    + "go out tonight as {}", file.fileName(), file.businessDate(), refunds, fileName);
            return new FileOfDay(file.sequence(), fileName, "RESERVED");
        }
        int sequence = jdbc.sql(NEXT_SEQUENCE).param("method", method.name()).query(Integer.class).single();
        String fileName = method.fileName(businessDate, sequence);
        jdbc.sql(RESERVE_FILE).param("method", method.name()).param("sequence", sequence)
                .param("businessDate", businessDate).param("fileName", fileName).update();
        return new FileOfDay(sequence, fileName, "RESERVED");
    }

    /**
     * Reserves the date's file for the method, before the night's refunds are decided, so that they can
     * be written into it (V24); nothing when it is reserved or claimed already. Call inside a transaction.
     * The file's name and status, for the log.
     */
    String reserve(PaymentMethod method, LocalDate businessDate) {
        FileOfDay file = fileOfDay(method, businessDate);
        return file.fileName() + " " + file.status();
    }

    /**
     * The date's file for the method: the one claimed before (a restart); or the one reserved (or a new
     * one), claimed now with every refund still waiting. Call inside a transaction.
     */
    Claim claim(PaymentMethod method, LocalDate businessDate, long jobExecutionId) {
        FileOfDay file = fileOfDay(method, businessDate);
        if (!file.status().equals("RESERVED")) {
            return new Claim(method, businessDate, file.sequence(), file.fileName(), file.status().equals("PUBLISHED"));
        }
        ByKey.rows(jdbc, () -> jdbc.sql(CLAIM_REFUNDS).param("fileName", file.fileName())
                .param("businessDate", businessDate).param("method", method.name()).update());
        jdbc.sql(RECORD_CLAIM).param("fileName", file.fileName()).param("businessDate", businessDate)
                .param("jobExecutionId", jobExecutionId).update();
        jdbc.sql(CLAIM_FILE).param("fileName", file.fileName()).update();
        return new Claim(method, businessDate, file.sequence(), file.fileName(), false);
    }

    Rows rowsOf(Claim claim) {
        String rowsOfFile = ROWS_OF_FILE.formatted(claim.fileName().replace("'", "''"));
        return row -> PgBinaryCopy.copyOut(dataSource, "the rows of " + claim.fileName(), rowsOfFile,
                fields -> row.accept(new Row(fields.text(), fields.text(), fields.text(), fields.text(), fields.int8(),
                        fields.text())));
    }

    void publish(Written written) {
        int published = jdbc.sql(PUBLISH).param("records", written.recordCount()).param("sha256", written.sha256())
                .param("fileName", written.fileName()).update();
        if (published != 1) {
            throw new IllegalStateException(written.fileName() + " was not waiting to be published");
        }
    }
}
