package com.marketplace.refunds.refund.internal;

import com.marketplace.refunds.shared.StepPart;

/**
 * How the decisions split a night's triggers into independent parts ({@link StepPart}): the orders whose
 * id hashes to the part's index. Every trigger of an order is in the same part (the cap is per order), so
 * the parts can be decided at once, each in its own transaction, and give what one part gives. The hash
 * is md5's, not PostgreSQL's internal one, so a restart after an upgrade splits alike: a part decided
 * once is never decided again (step_done).
 */
final class OrderPart {

    /** A condition on the order id of a row aliased {@code t}, with parameters :partition and :partitions. */
    static final String OF_ORDER = """
            ('x' || substr(md5(t.order_id), 1, 7))::bit(28)::int % :partitions = :partition""";

    private OrderPart() {
    }

    /** The part's name in step_done: the part and the split it belongs to. */
    static String stepName(StepPart part) {
        return "decideRefundsStep:" + part.index() + "/" + part.count();
    }
}
