package com.marketplace.refunds.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The reconciliation's setting: its name, as the README lists it, and its default. */
class ReconciliationSettingsTests {

    @Test
    void defaultsToTheReadmesValue() {
        ReconciliationSettings settings = bind("refunds", ReconciliationSettings.class, Map.of());

        assertThat(settings.missingConfirmationAfterDays()).isEqualTo(20);
    }

    @Test
    void readsTheSettingByItsName() {
        assertThat(bind("refunds", ReconciliationSettings.class, Map.of("REFUNDS_MISSING_CONFIRMATION_AFTER_DAYS", "7"))
                .missingConfirmationAfterDays()).isEqualTo(7);
    }

    /** Binds as the application does, from environment variables such as a service manager passes. */
    private static <T> T bind(String prefix, Class<T> type, Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environment);
        return new Binder(ConfigurationPropertySources.from(source)).bindOrCreate(prefix, type);
    }
}
