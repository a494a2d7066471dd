package com.marketplace.refunds.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Orders stored in bulk for a plan test, as the merge would have stored them on an earlier night. */
public final class StoredOrders {

    private StoredOrders() {
    }

    /**
     * {@code <prefix>1} to {@code <prefix><count>}: card orders of store S-1 in that currency, 10.00 paid on
     * 1 Nov, not shipped, ship deadline 20 Nov, in protection until 30 Jan 2027, stored on {@code storedOn}.
     */
    public static void insert(JdbcClient jdbc, String prefix, int count, String currency, String storedOn) {
        jdbc.sql("""
                INSERT INTO orders (order_id, store_id, buyer_id, payment_method, payment_reference, currency,
                       items_minor, shipping_minor, paid_at, ship_deadline, free_return, protection_expires_at,
                       first_seen_on, last_changed_on)
                SELECT :prefix || n, 'S-1', 'B-1', 'CARD', 'psp-' || n, :currency, 1000, 0, '2026-11-01T10:00Z',
                       '2026-11-20T10:00Z', true, '2027-01-30T00:00Z', :storedOn::date, :storedOn::date
                  FROM generate_series(1, :count) n
                """).param("prefix", prefix).param("currency", currency).param("storedOn", storedOn)
                .param("count", count).update();
    }
}
