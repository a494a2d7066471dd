package com.marketplace.refunds.stuck;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;

/**
 * The refunds of orders, hot or archived, so that support sees beside a stuck refund what else the
 * order has on its way or paid before contacting a buyer who is already being paid. At most
 * {@link #SHOWN} of them, the oldest, and how many more there are: an order can have thousands.
 * Reads only.
 */
@Component
public class OrderRefunds {

    /** How many other refunds of an order are shown by name. */
    public static final int SHOWN = 5;

    private static final String OF_ORDERS = """
            SELECT order_id, refund_id, status, currency, amount_minor, approved_on, refunds
              FROM (SELECT order_id, refund_id, status, currency, amount_minor, approved_on,
                           row_number() OVER (PARTITION BY order_id ORDER BY approved_on, refund_id COLLATE "C") AS n,
                           count(*) OVER (PARTITION BY order_id) AS refunds
                      FROM any_refund WHERE order_id = ANY (:orders)) r
             WHERE n <= :first
             ORDER BY order_id, n
            """;

    /** Another refund of the same order: its id, status and amount. */
    public record OtherRefund(String refundId, String status, String amount, String currency, String approvedOn) {

        /** As one short phrase: {@code RF-1 REFUNDED 7.00 USD}. */
        @Override
        public String toString() {
            return refundId + " " + status + " " + amount + " " + currency;
        }
    }

    /** The other refunds of a refund's order: the oldest few, and how many more there are. */
    public record Others(List<OtherRefund> shown, long more) {

        /** As one line: {@code RF-1 REFUNDED 7.00 USD; RF-2 FAILED 5.00 USD; and 3 more}; empty when none. */
        @Override
        public String toString() {
            String named = shown.stream().map(OtherRefund::toString).collect(Collectors.joining("; "));
            return more == 0 ? named : named + "; and " + more + " more";
        }
    }

    /** The oldest refunds of an order, at most one more than shown, and how many it has in all. */
    public record OfOrder(List<OtherRefund> oldest, long refunds) {
    }

    private final JdbcClient jdbc;

    public OrderRefunds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The oldest refunds of each order (enough to show {@link #SHOWN} others of any of its refunds) and their count. */
    public Map<String, OfOrder> of(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<OtherRefund>> oldest = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql(OF_ORDERS).param("orders", orderIds.stream().distinct().toArray(String[]::new))
                .param("first", SHOWN + 1).query(row -> {
                    String order = row.getString("order_id");
                    String currency = row.getString("currency");
                    oldest.computeIfAbsent(order, o -> new ArrayList<>()).add(new OtherRefund(row.getString("refund_id"),
                            row.getString("status"), Money.format(row.getLong("amount_minor"), Currencies.exponent(currency)),
                            currency, row.getString("approved_on")));
                    counts.put(order, row.getLong("refunds"));
                });
        Map<String, OfOrder> byOrder = new HashMap<>();
        oldest.forEach((order, refunds) -> byOrder.put(order, new OfOrder(refunds, counts.get(order))));
        return byOrder;
    }

    /** The other refunds of one refund's order (the refund page). */
    public Others othersOf(String orderId, String refundId) {
        return othersOf(of(List.of(orderId)), orderId, refundId);
    }

    /** The other refunds of the refund's order: the oldest {@link #SHOWN} but itself, and how many more. */
    public static Others othersOf(Map<String, OfOrder> byOrder, String orderId, String refundId) {
        OfOrder order = byOrder.get(orderId);
        if (order == null) {
            return new Others(List.of(), 0);
        }
        List<OtherRefund> shown = order.oldest().stream().filter(other -> !other.refundId().equals(refundId))
                .limit(SHOWN).toList();
        return new Others(shown, order.refunds() - 1 - shown.size());
    }
}
