package com.marketplace.refunds.simulate.drop;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Writes a complete inbox drop for a business date into {@code <outDir>/<D>/}: the five extracts of the contract
 * with a realistic mix of every trigger, decision and kind of bad row, then {@code control.csv}. Streams every
 * file (nothing per order is kept), and the same date, order count and seed always give the same bytes.
 */
public final class InboxGenerator {

    static final String CONTROL_FILE = "control.csv";
    static final String[] CONTROL_HEADER = {"file", "rows", "sha256"};
    /** One event about an unknown order per this many orders (about 0.05%). */
    private static final int UNKNOWN_ORDER_EVERY = 2_000;

    /**
     * What a generation wrote.
     *
     * @param folder         the drop folder, {@code <outDir>/<D>}
     * @param recordsPerFile CSV records after the header, per extract, in the contract's order
     * @param badRows        how many of those records are planted bad rows
     */
    public record Summary(Path folder, Map<String, Long> recordsPerFile, long badRows) {
        public Summary {
            Objects.requireNonNull(folder, "folder");
            recordsPerFile = Collections.unmodifiableMap(new LinkedHashMap<>(recordsPerFile));
        }
    }

    /**
     * What kind of night a drop is.
     *
     * @param dense        about one trigger per order (no plain orders), for measuring a night heavy with refunds
     * @param badRows      planted bad rows as usual; without them the drop suits the SQL floor of the benchmarks
     * @param deliveriesOf also carry the orders of this many drops before that shipped or arrived since the day
     *                     before ({@link LaterDeliveries}), for a history whose orders get delivered; 0 for none
     */
    public record Mix(boolean dense, boolean badRows, int deliveriesOf) {
        public static final Mix USUAL = new Mix(false, true);

        public Mix {
            if (deliveriesOf < 0 || deliveriesOf > MAX_DELIVERIES_OF) {
                throw new IllegalArgumentException("the drops whose deliveries a drop carries must number 0 to "
                        + MAX_DELIVERIES_OF + ": " + deliveriesOf);
            }
        }

        public Mix(boolean dense, boolean badRows) {
            this(dense, badRows, 0);
        }
    }

    /** The most earlier drops whose deliveries one drop carries (fifteen already carry every one). */
    public static final int MAX_DELIVERIES_OF = 30;

    private InboxGenerator() {
    }

    public static Summary generate(LocalDate businessDate, int orders, Path outDir, long seed) throws IOException {
        return generate(businessDate, orders, outDir, seed, Mix.USUAL);
    }

    /**
     * Generates the drop for {@code businessDate} with {@code orders} orders. An existing control file of that date is
     * removed first, so a drop being rewritten never looks complete before it is.
     */
    public static Summary generate(LocalDate businessDate, int orders, Path outDir, long seed, Mix mix)
            throws IOException {
        Objects.requireNonNull(businessDate, "businessDate");
        Objects.requireNonNull(outDir, "outDir");
        if (orders < 0) {
            throw new IllegalArgumentException("the number of orders cannot be negative: " + orders);
        }
        DropContext drop = DropContext.of(businessDate, orders, mix.dense());
        Path folder = outDir.resolve(businessDate.toString());
        Files.createDirectories(folder);
        Files.deleteIfExists(folder.resolve(CONTROL_FILE));

        SplittableRandom random = new SplittableRandom(seedFor(businessDate, seed));
        List<CsvSink> extracts;
        try (Extracts files = Extracts.open(drop, folder, random.split(), mix.badRows())) {
            StoreBlockWriter.write(drop, random.split(), files.storeBlocks);
            writeOrdersAndEvents(drop, random, files);
            LaterDeliveries.write(drop, seed, mix.deliveriesOf(), files.orders);
            extracts = files.all();
        }
        writeControlFile(folder, extracts);

        Map<String, Long> records = new LinkedHashMap<>();
        long badRows = 0;
        for (CsvSink extract : extracts) {
            records.put(extract.fileName(), extract.records());
            badRows += extract.badRecords();
        }
        return new Summary(folder, records, badRows);
    }

    /** The date takes part, so that the drops of successive days differ (payment references, blocked stores). */
    static long seedFor(LocalDate businessDate, long seed) {
        return seed ^ businessDate.toEpochDay() * 0x9E3779B97F4A7C15L;
    }

    private static void writeOrdersAndEvents(DropContext drop, SplittableRandom random, Extracts files)
            throws IOException {
        OrderPlanner planner = new OrderPlanner(drop, random.split());
        EventWriter events = new EventWriter(drop, random.split(), files);
        OrderPlan plan = new OrderPlan();
        for (int n = 1; n <= drop.orders(); n++) {
            planner.fill(plan, n);
            files.orders.write(plan.row());
            events.write(plan);
            if (n % UNKNOWN_ORDER_EVERY == UNKNOWN_ORDER_EVERY / 20) {
                events.forUnknownOrder(n / UNKNOWN_ORDER_EVERY, plan);
            }
        }
    }

    /** Written under a temporary name and moved into place: control.csv means "the drop is complete". */
    private static void writeControlFile(Path folder, List<CsvSink> extracts) throws IOException {
        String temporaryName = "." + CONTROL_FILE + ".tmp";
        try (CsvSink control = CsvSink.open(folder, temporaryName, CONTROL_HEADER, null)) {
            for (CsvSink extract : extracts) {
                control.write(extract.fileName(), Long.toString(extract.records()), extract.sha256());
            }
        }
        Path temporary = folder.resolve(temporaryName);
        Path target = folder.resolve(CONTROL_FILE);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
