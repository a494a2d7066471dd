package com.marketplace.refunds.refund.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

import com.marketplace.refunds.refund.OrderFacts;
import com.marketplace.refunds.refund.Trigger;
import com.marketplace.refunds.refund.TriggerType;
import com.marketplace.refunds.shared.Resolution;

/** Turns a row of refund_trigger joined with its order into the domain's types. */
final class TriggerRows {

    private TriggerRows() {
    }

    static Trigger trigger(ResultSet row) throws SQLException {
        String key = row.getString("refund_key");
        String orderId = row.getString("order_id");
        TriggerType type = TriggerType.valueOf(row.getString("trigger_type"));
        return switch (type) {
            case CANCELLATION -> new Trigger.Cancellation(type.ids(key, 1)[0], orderId, instant(row, "requested_at"),
                    instant(row, "seller_confirmed_at"));
            case AUTO_CANCELLATION -> new Trigger.AutoCancellation(orderId, instant(row, "event_time"));
            case FRAUD_BLOCK -> new Trigger.FraudBlock(type.ids(key, 2)[0], orderId, instant(row, "event_time"));
            case FREE_RETURN -> new Trigger.FreeReturn(type.ids(key, 1)[0], orderId, instant(row, "requested_at"),
                    instant(row, "received_at"));
            case DISPUTE -> new Trigger.Dispute(type.ids(key, 1)[0], orderId, instant(row, "opened_at"), instant(row, "event_time"),
                    Resolution.valueOf(row.getString("resolution")), row.getBoolean("return_required"),
                    instant(row, "received_at"), nullableLong(row, "amount_minor"));
            // decided when its action is applied, never collected as a trigger of the drop
            case REISSUE -> throw new IllegalStateException("a reissue is never among the collected triggers: " + key);
        };
    }

    static OrderFacts order(ResultSet row) throws SQLException {
        return new OrderFacts(row.getLong("total_minor"), instant(row, "shipped_at"), row.getBoolean("tracked"),
                instant(row, "delivered_at"), row.getBoolean("free_return"), instant(row, "protection_expires_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
