package com.marketplace.refunds.simulate.drop;

import static com.marketplace.refunds.simulate.drop.Formats.DAY;
import static com.marketplace.refunds.simulate.drop.Formats.NONE;

import java.io.IOException;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The changed orders a drop carries ({@code generate --deliveries-of=K}): the orders of the K drops
 * before it that shipped or were delivered since the day before, each written again whole with its new
 * shipped_at, tracking_number and delivered_at, its fixed fields as its own drop gave them. The earlier
 * drops' orders are drawn again, not read: those drops were generated with the same number of orders,
 * the same mix and a seed one less per day (as {@code jobs/benchmark-history} generates its nights). A
 * parcel ships at most eight days and arrives at most fifteen after its drop's cut-off, so fifteen days
 * carry every shipment and delivery; orders that never ship, or ship without tracking, never come back.
 */
final class LaterDeliveries {

    private LaterDeliveries() {
    }

    /** Writes the changed orders into {@code orders}, oldest drop last. */
    static void write(DropContext drop, long seed, int days, CsvSink orders) throws IOException {
        long since = drop.cutoff() - DAY; // the cut-off of the drop before: what it knew is stored
        OrderPlan plan = new OrderPlan();
        for (int back = 1; back <= days; back++) {
            LocalDate date = drop.businessDate().minusDays(back);
            DropContext earlier = DropContext.of(date, drop.orders(), drop.dense());
            long earlierSeed = InboxGenerator.seedFor(date, seed - back);
            SplittableRandom random = new SplittableRandom(earlierSeed);
            random.split(); // the extracts' bad rows (InboxGenerator.generate)
            random.split(); // the store blocks'
            OrderPlanner planner = new OrderPlanner(earlier, random.split());
            for (long n = 1; n <= earlier.orders(); n++) {
                planner.fill(plan, n);
                if (changedSince(plan, since, drop, earlierSeed ^ n * 0xBF58476D1CE4E5B9L)) {
                    orders.write(plan.row());
                }
            }
        }
    }

    /**
     * Whether the order shipped or arrived in [since, cut-off), and if so the plan as this drop knows it. An
     * order its own drop did not know shipped draws its tracking number and delivery from a random stream of
     * its own, seeded with {@code ownSeed}.
     */
    private static boolean changedSince(OrderPlan plan, long since, DropContext drop, long ownSeed) {
        long shippedAt = plan.eventualShippedAt;
        if (shippedAt == NONE) {
            return false;
        }
        long deliveredAt = plan.eventualDeliveredAt;
        String tracking = plan.trackingNumber;
        if (tracking == null) {
            SplittableRandom own = new SplittableRandom(ownSeed);
            tracking = OrderPlanner.trackingNumber(own);
            deliveredAt = plan.delivers ? shippedAt + OrderPlanner.deliveryTime(own) : NONE;
        }
        boolean ships = shippedAt >= since && shippedAt < drop.cutoff();
        boolean arrives = deliveredAt != NONE && deliveredAt >= since && deliveredAt < drop.cutoff();
        if (!ships && !arrives) {
            return false;
        }
        plan.shippedAt = shippedAt;
        plan.trackingNumber = tracking;
        plan.deliveredAt = drop.known(deliveredAt);
        return true;
    }
}
