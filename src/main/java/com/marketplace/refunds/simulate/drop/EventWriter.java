package com.marketplace.refunds.simulate.drop;

import static com.marketplace.refunds.simulate.drop.Formats.DAY;
import static com.marketplace.refunds.simulate.drop.Formats.HOUR;
import static com.marketplace.refunds.simulate.drop.Formats.MINUTE;
import static com.marketplace.refunds.simulate.drop.Formats.NONE;
import static com.marketplace.refunds.simulate.drop.Formats.between;
import static com.marketplace.refunds.simulate.drop.Formats.chance;

import java.io.IOException;
import java.util.SplittableRandom;

import com.marketplace.refunds.shared.Resolution;

/**
 * Writes the events of one order as its scenario tells: cancellations, Free Returns, disputes and the
 * combinations that make an order reach its cap. Every time stays before the cut-off.
 */
final class EventWriter {

    static final String[] CANCELLATION_HEADER = {"cancellation_id", "order_id", "requested_at", "seller_confirmed_at"};
    static final String[] FREE_RETURN_HEADER = {"return_id", "order_id", "requested_at", "received_at"};

    private final DropContext drop;
    private final SplittableRandom random;
    private final Extracts extracts;
    private final DisputeWriter disputes;

    EventWriter(DropContext drop, SplittableRandom random, Extracts extracts) {
        this.drop = drop;
        this.random = random;
        this.extracts = extracts;
        this.disputes = new DisputeWriter(drop, random, extracts.disputes, extracts.disputeIds);
    }

    void write(OrderPlan p) throws IOException {
        long delivered = p.deliveredAt;
        switch (p.scenario) {
            case CANCELLED -> cancelBeforeShipping(p, false);
            case CANCELLED_TWICE -> cancelBeforeShipping(p, true);
            case CANCEL_UNCONFIRMED -> cancelUnconfirmed(p);
            case CANCEL_AFTER_SHIPPING -> cancelAfterShipping(p);
            case RETURN_RECEIVED -> {
                long requested = p.variant < 5 ? delivered + 15 * DAY : between(random, delivered + HOUR, delivered + 15 * DAY);
                freeReturn(p, requested, requested + between(random, DAY, 6 * DAY));
            }
            case RETURN_AWAITED -> freeReturn(p,
                    between(random, delivered + HOUR, Math.min(delivered + 15 * DAY, drop.lastMoment())), NONE);
            case RETURN_TOO_LATE -> {
                long requested = delivered + 15 * DAY + (p.variant < 10 ? 1 : between(random, HOUR, 10 * DAY));
                freeReturn(p, requested, p.variant % 2 == 0 ? requested + between(random, DAY, 5 * DAY) : NONE);
            }
            case RETURN_NOT_FREE -> {
                long requested = delivered + between(random, HOUR, 10 * DAY);
                freeReturn(p, requested, chance(random, 70) ? requested + between(random, DAY, 5 * DAY) : NONE);
            }
            case RETURN_UNDELIVERED -> {
                long requested = p.shippedAt + between(random, 3 * DAY, 12 * DAY);
                freeReturn(p, requested, chance(random, 30) ? requested + between(random, DAY, 3 * DAY) : NONE);
            }
            case DISPUTE -> disputes.single(p, (p.delivered() ? delivered : p.shipDeadline) + between(random, DAY, 20 * DAY));
            case DISPUTE_AFTER_PROTECTION -> disputes.single(p,
                    p.protectionExpiresAt + (p.variant < 10 ? 0 : between(random, HOUR, 3 * DAY)));
            case DISPUTE_THEN_RETURN -> disputeThenReturn(p);
            case RETURN_THEN_DISPUTE -> returnThenDispute(p);
            case TWO_DISPUTES -> twoDisputes(p);
            default -> { }
        }
    }

    /** An event about an order id that no drop holds: decided UNKNOWN_ORDER. */
    void forUnknownOrder(int kind, OrderPlan somePlan) throws IOException {
        String orderId = extracts.unknownOrderIds.next();
        long requested = drop.cutoff() - between(random, HOUR, 5 * DAY);
        switch (kind % 3) {
            case 0 -> extracts.cancellations.writeWithoutPlanting(extracts.cancellationIds.next(), orderId,
                    somePlan.time(requested), somePlan.time(drop.known(requested + HOUR)));
            case 1 -> extracts.freeReturns.writeWithoutPlanting(extracts.returnIds.next(), orderId,
                    somePlan.time(requested - 3 * DAY), somePlan.time(requested));
            default -> disputes.forUnknownOrder(orderId, somePlan);
        }
    }

    /** Requested before shipping (the order never ships); confirmed by the seller unless it came too late. */
    private void cancelBeforeShipping(OrderPlan p, boolean twice) throws IOException {
        long requested = between(random, p.paidAt + 5 * MINUTE, Math.min(p.shipDeadline, drop.lastMoment()));
        long confirmed = drop.known(requested + between(random, 10 * MINUTE, DAY));
        cancellation(p, requested, confirmed);
        if (twice) {
            long again = Math.min(requested + between(random, MINUTE, 2 * HOUR), drop.lastMoment());
            cancellation(p, again, confirmed == NONE ? NONE : drop.known(confirmed + between(random, MINUTE, HOUR)));
        }
    }

    /** Never confirmed: the order either never ships or ships anyway after the request. */
    private void cancelUnconfirmed(OrderPlan p) throws IOException {
        long latest = p.shippedAt != NONE ? p.shippedAt : Math.min(p.shipDeadline, drop.lastMoment());
        cancellation(p, between(random, p.paidAt + 5 * MINUTE, latest), NONE);
    }

    /** Requested once the parcel was on its way (sometimes in the very second it shipped). */
    private void cancelAfterShipping(OrderPlan p) throws IOException {
        long requested = p.variant < 5 ? p.shippedAt
                : Math.min(p.shippedAt + between(random, MINUTE, 2 * DAY), drop.lastMoment());
        long confirmed = p.variant % 2 == 0 ? drop.known(requested + between(random, HOUR, DAY)) : NONE;
        cancellation(p, requested, confirmed);
    }

    /** A partial refund from the dispute first, then a Free Return of the whole order: capped. */
    private void disputeThenReturn(OrderPlan p) throws IOException {
        long opened = p.deliveredAt + between(random, DAY, 4 * DAY);
        long resolved = opened + between(random, DAY, 3 * DAY);
        Resolution resolution = p.variant < 50
                ? Resolution.PLATFORM_BUYER : Resolution.COUNTEROFFER_ACCEPTED;
        long awarded = DisputeWriter.offer(p, disputes.partial(p.totalMinor(), 30, 70));
        disputes.write(p, opened, resolved, resolution, p.totalMinor(), awarded, false, NONE);
        long requested = resolved + between(random, HOUR, 2 * DAY);
        freeReturn(p, requested, requested + between(random, DAY, 4 * DAY));
    }

    /** The Free Return refunds everything; the dispute the seller accepts afterwards finds nothing left. */
    private void returnThenDispute(OrderPlan p) throws IOException {
        long requested = p.deliveredAt + between(random, DAY, 5 * DAY);
        long received = requested + between(random, DAY, 3 * DAY);
        freeReturn(p, requested, received);
        long opened = received + between(random, DAY, 5 * DAY);
        disputes.write(p, opened, opened + between(random, DAY, 5 * DAY), Resolution.SELLER_ACCEPTED,
                p.totalMinor(), DisputeWriter.NO_AMOUNT, false, NONE);
    }

    /** Two disputes on one order asking together for more than it cost: the second is capped. */
    private void twoDisputes(OrderPlan p) throws IOException {
        long total = p.totalMinor();
        long opened = p.deliveredAt + between(random, DAY, 5 * DAY);
        long resolved = opened + between(random, DAY, 4 * DAY);
        long awarded = Math.max(1, DisputeWriter.offer(p, disputes.partial(total, 50, 70)));
        disputes.write(p, opened, resolved, Resolution.PLATFORM_BUYER, total, awarded, false, NONE);
        long second = Math.min(total, total - awarded + disputes.partial(total, 10, 40));
        long reopened = resolved + between(random, DAY, 5 * DAY);
        disputes.write(p, reopened, reopened + between(random, DAY, 5 * DAY), Resolution.SELLER_ACCEPTED,
                second, DisputeWriter.NO_AMOUNT, false, NONE);
    }

    private void cancellation(OrderPlan p, long requested, long confirmed) throws IOException {
        extracts.cancellations.write(extracts.cancellationIds.next(), p.orderId, p.time(requested), p.time(confirmed));
    }

    private void freeReturn(OrderPlan p, long requested, long received) throws IOException {
        extracts.freeReturns.write(extracts.returnIds.next(), p.orderId,
                p.time(Math.min(requested, drop.lastMoment())), p.time(drop.known(received)));
    }
}
