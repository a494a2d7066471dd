package com.marketplace.refunds.simulate.drop;

import static com.marketplace.refunds.simulate.drop.Formats.DAY;
import static com.marketplace.refunds.simulate.drop.Formats.HOUR;
import static com.marketplace.refunds.simulate.drop.Formats.NONE;
import static com.marketplace.refunds.simulate.drop.Formats.between;
import static com.marketplace.refunds.simulate.drop.Formats.chance;

import java.io.IOException;
import java.util.SplittableRandom;

import com.marketplace.refunds.shared.Resolution;

/** Writes dispute resolutions: every resolution, amounts that fit it, free-text reasons, required returns. */
final class DisputeWriter {

    static final String[] HEADER = {"dispute_id", "order_id", "opened_at", "resolved_at", "delivery_status",
        "reason", "requested_amount", "resolution", "awarded_amount", "return_required", "return_received_at"};
    static final long NO_AMOUNT = -1;

    /** Percent of disputes resolved each way, in the order of {@link Resolution}. */
    private static int share(Resolution resolution) {
        return switch (resolution) {
            case SELLER_ACCEPTED -> 25;
            case SELLER_NO_RESPONSE -> 12;
            case COUNTEROFFER_ACCEPTED -> 15;
            case PLATFORM_BUYER -> 18;
            case PLATFORM_SELLER -> 12;
            case REPLACEMENT -> 10;
            case INSUFFICIENT_EVIDENCE -> 8;
        };
    }

    static Resolution pick(SplittableRandom random) {
        int roll = random.nextInt(100);
        for (Resolution resolution : Resolution.values()) {
            roll -= share(resolution);
            if (roll < 0) {
                return resolution;
            }
        }
        return Resolution.SELLER_ACCEPTED;
    }

    private static final String[] RECEIVED_REASONS = {"Item not as described", "Arrived damaged, box crushed",
        "Wrong size sent", "Missing parts, only 2 of 3 pieces in the box", "Colour differs from the photos",
        "Stopped working after a week", "Seller wrote \"final sale\", but the listing said returns accepted",
        "Écran fissuré à la livraison", "Counterfeit: logo misprinted", "-50% of the advertised capacity",
        "=the invoice total was charged twice"};
    private static final String[] NOT_RECEIVED_REASONS = {"Never arrived", "Tracking stuck in transit",
        "Package lost, carrier confirmed", "Delivered to the wrong address, neighbour has nothing"};

    private final DropContext drop;
    private final SplittableRandom random;
    private final CsvSink sink;
    private final IdSequence ids;

    DisputeWriter(DropContext drop, SplittableRandom random, CsvSink sink, IdSequence ids) {
        this.drop = drop;
        this.random = random;
        this.sink = sink;
        this.ids = ids;
    }

    /** One dispute with a random resolution, opened at the given time. */
    void single(OrderPlan plan, long openedAt) throws IOException {
        Resolution resolution = pick(random);
        long resolvedAt = resolution == Resolution.SELLER_NO_RESPONSE
                ? openedAt + 5 * DAY + between(random, HOUR, 3 * DAY)
                : openedAt + between(random, DAY, 10 * DAY);
        long total = plan.totalMinor();
        long requested = chance(random, 65) ? total : offer(plan, partial(total, 20, 90));
        long awarded = switch (resolution) {
            case SELLER_ACCEPTED -> chance(random, 50) ? requested : NO_AMOUNT;
            case COUNTEROFFER_ACCEPTED -> Math.min(offer(plan, partial(requested, 30, 90)), requested);
            case PLATFORM_BUYER -> chance(random, 70) ? requested : offer(plan, partial(requested, 40, 90));
            default -> NO_AMOUNT;
        };
        boolean returnRequired = plan.delivered() && (resolution == Resolution.REPLACEMENT || plan.variant % 4 == 0);
        long returnReceivedAt = returnRequired && chance(random, 70)
                ? drop.known(resolvedAt + between(random, DAY, 5 * DAY)) : NONE;
        write(plan, openedAt, resolvedAt, resolution, requested, awarded, returnRequired, returnReceivedAt);
    }

    void write(OrderPlan plan, long openedAt, long resolvedAt, Resolution resolution, long requested,
            long awarded, boolean returnRequired, long returnReceivedAt) throws IOException {
        long resolved = Math.min(resolvedAt, drop.lastMoment());
        String status = deliveryStatus(plan);
        String[] reasons = "NOT_RECEIVED".equals(status) ? NOT_RECEIVED_REASONS : RECEIVED_REASONS;
        String reason = chance(random, 85) ? reasons[random.nextInt(reasons.length)] : "";
        sink.write(ids.next(), plan.orderId, plan.time(Math.min(openedAt, resolved)), plan.time(resolved), status,
                reason, amount(plan, requested), resolution.name(), amount(plan, awarded),
                Boolean.toString(returnRequired), plan.time(returnReceivedAt));
    }

    /** A dispute about an order this drop does not hold (and no earlier one did). */
    void forUnknownOrder(String orderId, OrderPlan somePlan) throws IOException {
        long resolvedAt = drop.cutoff() - between(random, HOUR, 5 * DAY);
        sink.writeWithoutPlanting(ids.next(), orderId, somePlan.time(resolvedAt - 4 * DAY), somePlan.time(resolvedAt),
                "RECEIVED", "Item not as described", somePlan.money(somePlan.totalMinor()),
                Resolution.SELLER_ACCEPTED.name(), "", "false", "");
    }

    /** A share of an amount, between lo and hi percent, in whole minor units and at least one. */
    long partial(long minor, int loPercent, int hiPercent) {
        return Math.max(1, minor * between(random, loPercent, hiPercent + 1) / 100);
    }

    /** What people offer: whole major units (hundreds of yen) once the amount allows it. */
    static long offer(OrderPlan plan, long minor) {
        long unit = switch (plan.currency.exponent) {
            case 0 -> 100;
            case 3 -> 1_000;
            default -> 100;
        };
        return minor >= unit ? minor / unit * unit : minor;
    }

    private String deliveryStatus(OrderPlan plan) {
        int roll = random.nextInt(100);
        if (!plan.delivered()) {
            return roll < 90 ? "NOT_RECEIVED" : "";
        }
        return roll < 65 ? "RECEIVED" : roll < 90 ? "PARTIALLY_RECEIVED" : "";
    }

    private static String amount(OrderPlan plan, long minor) {
        return minor == NO_AMOUNT ? "" : plan.money(minor);
    }
}
