package com.marketplace.refunds.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The bad-row threshold's settings: their names, as the README lists them, and their defaults. */
class IntakeSettingsTests {

    @Test
    void defaultsToTheReadmesValues() {
        assertThat(bind("refunds.bad-rows", IntakeSettings.class, Map.of())).isEqualTo(new IntakeSettings(5, 10));
    }

    @Test
    void readsEachSettingByItsName() {
        assertThat(bind("refunds.bad-rows", IntakeSettings.class, Map.of("REFUNDS_BAD_ROWS_MAX_PERCENT", "2",
                "REFUNDS_BAD_ROWS_MAX_COUNT", "0"))).isEqualTo(new IntakeSettings(2, 0));
    }

    /** Binds as the application does, from environment variables such as a service manager passes. */
    private static <T> T bind(String prefix, Class<T> type, Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environment);
        return new Binder(ConfigurationPropertySources.from(source)).bindOrCreate(prefix, type);
    }
}
