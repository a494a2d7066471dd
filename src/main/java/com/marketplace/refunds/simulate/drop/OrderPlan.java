package com.marketplace.refunds.simulate.drop;

/** The facts of the order being generated; one instance is refilled for every order, never kept. */
final class OrderPlan {

    static final String[] HEADER = {"order_id", "store_id", "buyer_id", "payment_method", "payment_reference",
        "currency", "items_amount", "shipping_amount", "paid_at", "ship_deadline", "shipped_at",
        "tracking_number", "delivered_at", "free_return", "protection_expires_at"};

    Scenario scenario;
    /** A roll in [0, 100) that scenarios use to pick their variants. */
    int variant;
    String orderId;
    String storeId;
    String buyerId;
    boolean paypal;
    String paymentReference;
    CurrencyProfile currency;
    long itemsMinor;
    long shippingMinor;
    long paidAt;
    long shipDeadline;
    long shippedAt;
    String trackingNumber;
    long deliveredAt;
    boolean freeReturn;
    long protectionExpiresAt;
    int offsetMinutes;
    /**
     * When the order ships with tracking, known to this drop or not ({@link Formats#NONE} if it never does), and
     * whether it is then delivered: what later drops carry ({@link LaterDeliveries}).
     */
    long eventualShippedAt;
    boolean delivers;
    /** When it is delivered, drawn with the shipment when this drop knows of it, else {@link Formats#NONE}. */
    long eventualDeliveredAt;

    long totalMinor() {
        return itemsMinor + shippingMinor;
    }

    boolean delivered() {
        return deliveredAt != Formats.NONE;
    }

    String money(long minor) {
        return Formats.amount(minor, currency.exponent);
    }

    String time(long epochSecond) {
        return Formats.timestamp(epochSecond, offsetMinutes);
    }

    String[] row() {
        return new String[] {orderId, storeId, buyerId, paypal ? "PAYPAL" : "CARD", paymentReference,
            currency.name(), money(itemsMinor), money(shippingMinor), time(paidAt), time(shipDeadline),
            time(shippedAt), trackingNumber == null ? "" : trackingNumber, time(deliveredAt),
            Boolean.toString(freeReturn), time(protectionExpiresAt)};
    }
}
