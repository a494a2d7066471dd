package com.marketplace.refunds.shared;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** The payment methods that get a settlement file, with the file's name and its reference column. */
public enum PaymentMethod {
    CARD("card-refunds", "psp_reference"),
    PAYPAL("paypal-refunds", "capture_id");

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

    private final String filePrefix;
    private final String referenceColumn;

    PaymentMethod(String filePrefix, String referenceColumn) {
        this.filePrefix = filePrefix;
        this.referenceColumn = referenceColumn;
    }

    /** {@code card-refunds-20261125-000012.csv} */
    public String fileName(LocalDate businessDate, int sequence) {
        return "%s-%s-%06d.csv".formatted(filePrefix, COMPACT.format(businessDate), sequence);
    }

    public String[] header() {
        return new String[] {"refund_id", "order_id", referenceColumn, "currency", "amount", "reason"};
    }
}
