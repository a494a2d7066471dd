package com.marketplace.refunds.simulate.drop;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What every part of one generated drop shares: the date, its cut-off and the sizes. */
record DropContext(LocalDate businessDate, String dateTag, int orders, int stores, long cutoff, long windowStart,
        boolean dense) {

    static DropContext of(LocalDate businessDate, int orders, boolean dense) {
        long cutoff = businessDate.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        long windowStart = businessDate.minusDays(60).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        int stores = orders == 0 ? 0 : Math.max(1, orders / 200);
        return new DropContext(businessDate, businessDate.format(DateTimeFormatter.BASIC_ISO_DATE),
                orders, stores, cutoff, windowStart, dense);
    }

    /** The time itself when it is before the cut-off, else {@link Formats#NONE}: the extract cannot know it yet. */
    long known(long time) {
        return time != Formats.NONE && time < cutoff ? time : Formats.NONE;
    }

    /** The latest time an event of this drop may carry. */
    long lastMoment() {
        return cutoff - Formats.MINUTE;
    }

    String orderId(long n) {
        return "O-" + dateTag + "-" + n;
    }

    static String storeId(long n) {
        return "ST-" + n;
    }
}
