package com.marketplace.refunds.stuck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The stuck list's setting: its name, as the README lists it, and its default. */
class StuckSettingsTests {

    @Test
    void defaultsToTheReadmesValue() {
        assertThat(bind("refunds", StuckSettings.class, Map.of()).stuckAfterDays()).isEqualTo(30);
    }

    @Test
    void readsTheSettingByItsName() {
        assertThat(bind("refunds", StuckSettings.class, Map.of("REFUNDS_STUCK_AFTER_DAYS", "45")).stuckAfterDays())
                .isEqualTo(45);
    }

    /** Binds as the application does, from environment variables such as a service manager passes. */
    private static <T> T bind(String prefix, Class<T> type, Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environment);
        return new Binder(ConfigurationPropertySources.from(source)).bindOrCreate(prefix, type);
    }
}
