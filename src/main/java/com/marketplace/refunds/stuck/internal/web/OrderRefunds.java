package com.marketplace.refunds.stuck.internal.web;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;

/**
 * The refunds of orders, hot or archived, so that support sees beside a stuck refund what else the
 * order has on its way or paid before contacting a buyer who is already being paid.
 */
@Component
class OrderRefunds {

    private static final String OF_ORDERS = """
            SELECT order_id, refund_id, status, currency, amount_minor, approved_on
              FROM any_refund WHERE order_id = ANY (:orders)
             ORDER BY order_id, approved_on, refund_id COLLATE "C"
            """;

    /** Another refund of the same order: its id, status and amount. */
    record OtherRefund(String refundId, String status, String amount, String currency, String approvedOn) {

        /** As one short phrase: {@code RF-1 REFUNDED 7.00 USD}. */
        @Override
        public String toString() {
            return refundId + " " + status + " " + amount + " " + currency;
        }
    }

    private final JdbcClient jdbc;

    OrderRefunds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every refund of each order, by order, oldest first. */
    Map<String, List<OtherRefund>> of(Collection<String> orderIds) {
        Map<String, List<OtherRefund>> byOrder = new LinkedHashMap<>();
        if (orderIds.isEmpty()) {
            return byOrder;
        }
        jdbc.sql(OF_ORDERS).param("orders", orderIds.stream().distinct().toArray(String[]::new)).query(row -> {
            String currency = row.getString("currency");
            byOrder.computeIfAbsent(row.getString("order_id"), order -> new java.util.ArrayList<>())
                    .add(new OtherRefund(row.getString("refund_id"), row.getString("status"),
                            Money.format(row.getLong("amount_minor"), Currencies.exponent(currency)), currency,
                            row.getString("approved_on")));
        });
        return byOrder;
    }

    /** The order's refunds but the one given. */
    List<OtherRefund> othersOf(Map<String, List<OtherRefund>> byOrder, String orderId, String refundId) {
        return byOrder.getOrDefault(orderId, List.of()).stream().filter(other -> !other.refundId().equals(refundId))
                .toList();
    }
}
