package com.marketplace.refunds.intake.internal;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Checks ISO-8601 timestamps with an offset. The usual shape ({@code 2026-11-25T10:15:00Z},
 * {@code ...+02:00}) is checked by position, which is many times faster than a formatter on a
 * million rows, and kept as written (PostgreSQL reads it the same way); any other shape goes
 * through {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, whose rules are the ones that count.
 * Years outside 1 to 9999 (UTC) are refused: PostgreSQL could not store them as given.
 */
final class Timestamps {

    private Timestamps() {
    }

    /** The timestamp in a form PostgreSQL reads as the same instant, or null when it is not valid. */
    static String check(String text) {
        if (isUsualShapeAndValid(text)) {
            return text;
        }
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            int year = parsed.toInstant().atOffset(ZoneOffset.UTC).getYear();
            return year >= 1 && year <= 9999 ? parsed.toInstant().toString() : null;
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} then {@code Z} or {@code ±HH:MM}, with a real date and time. */
    static boolean isUsualShapeAndValid(String t) {
        int length = t.length();
        if (length != 20 && length != 25) {
            return false;
        }
        if (t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return false;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || year < 2 || year > 9998) {
            return false; // the first and last years go the slow way, where the offset is weighed exactly
        }
        if (length == 20) {
            if (t.charAt(19) != 'Z') {
                return false;
            }
        }
        else {
            char sign = t.charAt(19);
            int offsetHours = digits(t, 20, 2);
            int offsetMinutes = digits(t, 23, 2);
            // the offsets ZoneOffset takes, -18:00 to +18:00, weighed here: its cache's lookup was a sixth of the load's
            // time on timestamps
            if (sign != '+' && sign != '-' || t.charAt(22) != ':' || offsetHours < 0 || offsetMinutes < 0
                    || offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > 18 * 60) {
                return false;
            }
        }
        try {
            LocalDateTime.of(year, month, day, hour, minute, second);
            return true;
        }
        catch (DateTimeException e) {
            return false;
        }
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
