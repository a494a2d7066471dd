package com.marketplace.refunds.stuck.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** What the settings may say of the database: host, port and name, never a password. */
class SupportSettingsTests {

    @Test
    void namesTheDatabaseByHostPortAndNameWhateverElseTheUrlCarries() {
        assertThat(address("jdbc:postgresql://db.example:6543/refunds?password=hunter2-in-url&ssl=true"))
                .isEqualTo("db.example:6543/refunds");
        assertThat(address("jdbc:postgresql://[::1]:5432/refunds?user=a&password=b")).isEqualTo("[::1]:5432/refunds");
        assertThat(address("jdbc:postgresql://one:5432,two:5433/refunds")).isEqualTo("one:5432,two:5433/refunds");
        assertThat(address("jdbc:postgresql:refunds?password=x")).isEqualTo("localhost:5432/refunds");
        assertThat(address("jdbc:mysql://db/refunds?password=x")).doesNotContain("password", "x").contains("not");
    }

    @Test
    void printsNoPassword() {
        SupportSettings settings = new SupportSettings(50,
                new SupportSettings.Database("jdbc:postgresql://db:5432/refunds?password=in-the-url", "reader",
                        "in-its-setting", 4, Duration.ofSeconds(5)),
                new SupportSettings.SignIn(5, Duration.ofMinutes(5), Duration.ofMinutes(5)));

        assertThat(settings.toString()).contains("db:5432/refunds as reader")
                .doesNotContain("in-the-url", "in-its-setting");
        assertThat(settings.datasource().toString()).doesNotContain("in-the-url", "in-its-setting");
    }

    private static String address(String url) {
        return new SupportSettings.Database(url, "reader", "", 4, Duration.ofSeconds(5)).address();
    }
}
