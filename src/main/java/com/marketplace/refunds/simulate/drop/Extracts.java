package com.marketplace.refunds.simulate.drop;

import com.marketplace.refunds.simulate.drop.BadRowRecipe.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The five extracts of a drop, open for writing, each with its bad-row recipe (or none), and the id sequences. */
final class Extracts implements Closeable {

    static final String[] STORE_BLOCK_HEADER = {"store_id", "blocked_at", "review_status", "confirmed_at"};

    final IdSequence cancellationIds;
    final IdSequence returnIds;
    final IdSequence disputeIds;
    /** Order ids no drop holds: good orders stop at N, planted bad ones stay far below 2N. */
    final IdSequence unknownOrderIds;
    final CsvSink orders;
    final CsvSink cancellations;
    final CsvSink disputes;
    final CsvSink storeBlocks;
    final CsvSink freeReturns;
    private final List<CsvSink> opened = new ArrayList<>();
    /** Whether the recipes plant their bad rows. */
    private final boolean badRows;

    private Extracts(DropContext drop, Path folder, SplittableRandom random, boolean badRows) throws IOException {
        this.badRows = badRows;
        String tag = drop.dateTag();
        cancellationIds = new IdSequence("CXL-" + tag + "-", 1);
        returnIds = new IdSequence("RET-" + tag + "-", 1);
        disputeIds = new IdSequence("DSP-" + tag + "-", 1);
        unknownOrderIds = new IdSequence("O-" + tag + "-", 2L * drop.orders() + 1);
        IdSequence rejectedOrderIds = new IdSequence("O-" + tag + "-", drop.orders() + 1L);
        IdSequence rejectedStoreIds = new IdSequence("ST-", drop.stores() + 1L);
        try {
            orders = open(folder, "orders.csv", OrderPlan.HEADER, new BadRowRecipe(0, rejectedOrderIds::next, random)
                    .kinds(Kind.CARD_LIKE_PAYMENT_REFERENCE, Kind.TIMESTAMP_WITHOUT_OFFSET, Kind.TOO_MANY_DECIMALS,
                            Kind.DUPLICATE_ID, Kind.UNKNOWN_CURRENCY, Kind.NEGATIVE_AMOUNT, Kind.UNKNOWN_ENUM_VALUE,
                            Kind.FORBIDDEN_CHARACTER_IN_ID, Kind.MISSING_REQUIRED_VALUE)
                    .reference(4).currency(5).amount(6).timestamp(8)
                    .unknownEnum(3, "BANK_TRANSFER").missing(2, Map.of()));
            cancellations = open(folder, "cancellations.csv", EventWriter.CANCELLATION_HEADER,
                    new BadRowRecipe(0, cancellationIds::next, random)
                            .kinds(Kind.TIMESTAMP_WITHOUT_OFFSET, Kind.DUPLICATE_ID, Kind.FORBIDDEN_CHARACTER_IN_ID,
                                    Kind.MISSING_REQUIRED_VALUE)
                            .timestamp(2).missing(2, Map.of()));
            disputes = open(folder, "dispute_resolutions.csv", DisputeWriter.HEADER,
                    new BadRowRecipe(0, disputeIds::next, random)
                            .kinds(Kind.TOO_MANY_DECIMALS, Kind.UNKNOWN_ENUM_VALUE, Kind.NEGATIVE_AMOUNT,
                                    Kind.TIMESTAMP_WITHOUT_OFFSET, Kind.DUPLICATE_ID, Kind.MISSING_REQUIRED_VALUE,
                                    Kind.FORBIDDEN_CHARACTER_IN_ID)
                            .amount(6).unknownEnum(7, "PARTIAL_REFUND").timestamp(2).missing(3, Map.of()));
            storeBlocks = open(folder, "store_blocks.csv", STORE_BLOCK_HEADER,
                    new BadRowRecipe(0, rejectedStoreIds::next, random)
                            .kinds(Kind.MISSING_REQUIRED_VALUE, Kind.UNKNOWN_ENUM_VALUE, Kind.TIMESTAMP_WITHOUT_OFFSET,
                                    Kind.DUPLICATE_ID, Kind.FORBIDDEN_CHARACTER_IN_ID)
                            .missing(3, Map.of(2, "CONFIRMED_FRAUD")).unknownEnum(2, "ESCALATED").timestamp(1));
            freeReturns = open(folder, "free_returns.csv", EventWriter.FREE_RETURN_HEADER,
                    new BadRowRecipe(0, returnIds::next, random)
                            .kinds(Kind.FORBIDDEN_CHARACTER_IN_ID, Kind.TIMESTAMP_WITHOUT_OFFSET,
                                    Kind.MISSING_REQUIRED_VALUE, Kind.DUPLICATE_ID)
                            .timestamp(2).missing(2, Map.of()));
        } catch (IOException | RuntimeException e) {
            closeOpened(e);
            throw e;
        }
    }

    /** Opens all five extracts in {@code folder}; when one cannot be opened, the others are closed again. */
    static Extracts open(DropContext drop, Path folder, SplittableRandom random, boolean badRows) throws IOException {
        return new Extracts(drop, folder, random, badRows);
    }

    /** In the contract's order, which is also the order of control.csv. */
    List<CsvSink> all() {
        return List.of(orders, cancellations, disputes, storeBlocks, freeReturns);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (CsvSink sink : opened) {
            try {
                sink.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private CsvSink open(Path folder, String fileName, String[] header, BadRowRecipe recipe) throws IOException {
        CsvSink sink = CsvSink.open(folder, fileName, header, badRows ? recipe : null);
        opened.add(sink);
        return sink;
    }

    private void closeOpened(Exception cause) {
        try {
            close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
