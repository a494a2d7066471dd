package com.marketplace.refunds.refund.internal;

import com.marketplace.refunds.shared.StepPart;

/**
 * How the decisions split a night's triggers into independent parts ({@link StepPart}): the orders whose
 * id hashes to the part's index. Every trigger of an order is in the same part (the cap is per order), so
 * the parts can be decided at once, each in its own transaction, and give what one part gives. The hash
 * is stored with each trigger when it is collected ({@link #hashSql}, migration V31), so a restart,
 * even after an upgrade of PostgreSQL, splits alike: a part decided once is never decided again
 * (step_done). Triggers collected before V31 have none and keep the md5 split they were begun with.
 */
final class OrderPart {

    /**
     * The hash of an order id (a SQL expression) that a collected trigger keeps in {@code order_part}: 28
     * bits of PostgreSQL's text hash, never negative. Every statement that collects triggers stores it.
     */
    static String hashSql(String orderId) {
        return "hashtext(%s) & 268435455".formatted(orderId);
    }

    /** The condition that a trigger aliased {@code t} is in the part, with parameters :partition and :partitions. */
    static final String OF_ORDER = """
            coalesce(t.order_part, ('x' || substr(md5(t.order_id), 1, 7))::bit(28)::int) % :partitions = :partition""";

    private OrderPart() {
    }

    /** The part's name in step_done: the part and the split it belongs to. */
    static String stepName(StepPart part) {
        return part.doneName("decideRefundsStep");
    }
}
