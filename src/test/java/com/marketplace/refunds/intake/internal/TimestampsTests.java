package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamps with an offset: the fast path and the formatter agree on what is valid and what it means. */
class TimestampsTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-11-25T10:15:00Z,             2026-11-25T10:15:00Z",
            "2026-11-25T12:15:00+02:00,        2026-11-25T10:15:00Z",
            "2026-11-25T05:15:00-05:00,        2026-11-25T10:15:00Z",
            "2026-11-25T10:15Z,                2026-11-25T10:15:00Z",
            "2026-11-25T10:15:00.250Z,         2026-11-25T10:15:00.250Z",
            "2024-02-29T00:00:00Z,             2024-02-29T00:00:00Z",
            "0001-01-01T00:00:00Z,             0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z,             9999-12-31T23:59:59Z",
            "2026-11-25T10:15:00+18:00,        2026-11-24T16:15:00Z",
            "2026-11-25T10:15:00-18:00,        2026-11-26T04:15:00Z",
            "2026-11-25T10:15:00+17:59,        2026-11-24T16:16:00Z"})
    void acceptsTimestampsWithAnOffsetMeaningTheSameInstant(String text, String instant) {
        String checked = Timestamps.check(text);

        assertThat(checked).isNotNull();
        assertThat(OffsetDateTime.parse(checked).toInstant()).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"2026-11-25T10:15:00", "2026-11-25 10:15:00Z", "2026-02-30T10:15:00Z",
            "2026-13-01T10:15:00Z", "2026-11-25T24:00:00Z", "2026-11-25T10:15:00+25:00", "2026-11-25T10:15:00+18:01",
            "2026-11-25T10:15:00-18:30", "2026-11-25T10:15:00+19:00", "2026-11-25T10:15:00+01:60", "2026-11-25",
            "0000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "25/11/2026 10:15Z", ""})
    void refusesAnythingElse(String text) {
        assertThat(Timestamps.check(text)).isNull();
    }
}
