package com.marketplace.refunds.simulate.drop;

import static com.marketplace.refunds.simulate.drop.Formats.DAY;
import static com.marketplace.refunds.simulate.drop.Formats.HOUR;
import static com.marketplace.refunds.simulate.drop.Formats.NONE;
import static com.marketplace.refunds.simulate.drop.Formats.between;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Blocks about 2% of the stores (at least three when there are that many): the first for confirmed fraud, so that
 * every drop has fraud triggers, the second under review, the third cleared, the others any of the three. Stores
 * are drawn by selection sampling, so the file is in store order and nothing is held in memory.
 */
final class StoreBlockWriter {

    private StoreBlockWriter() {
    }

    static void write(DropContext drop, SplittableRandom random, CsvSink sink) throws IOException {
        int stores = drop.stores();
        int left = Math.min(stores, Math.max(3, (stores * 2 + 50) / 100));
        int written = 0;
        for (int store = 1; store <= stores && left > 0; store++) {
            if (random.nextInt(stores - store + 1) < left) {
                left--;
                sink.write(block(drop, random, DropContext.storeId(store), written++));
            }
        }
    }

    private static String[] block(DropContext drop, SplittableRandom random, String storeId, int written) {
        long blockedAt = drop.cutoff() - between(random, 12 * HOUR, 10 * DAY);
        int roll = switch (written) {
            case 0 -> 0;
            case 1 -> 50;
            case 2 -> 90;
            default -> random.nextInt(100);
        };
        String status = roll < 45 ? "CONFIRMED_FRAUD" : roll < 80 ? "UNDER_REVIEW" : "CLEARED";
        long confirmedAt = "CONFIRMED_FRAUD".equals(status)
                ? blockedAt + between(random, HOUR, Math.min(3 * DAY, drop.lastMoment() - blockedAt)) : NONE;
        int offset = random.nextInt(10) == 0 ? 120 : 0;
        return new String[] {storeId, Formats.timestamp(blockedAt, offset), status,
            Formats.timestamp(confirmedAt, offset)};
    }
}
