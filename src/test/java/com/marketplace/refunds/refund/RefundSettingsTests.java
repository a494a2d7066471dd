package com.marketplace.refunds.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The refund steps' settings: their names, as the README lists them, and their defaults. */
class RefundSettingsTests {

    @Test
    void defaultsToTheReadmesValues() {
        RefundSettings settings = bind("refunds", RefundSettings.class, Map.of());

        assertThat(settings.hold()).isEqualTo(new RefundSettings.Hold(true, new BigDecimal("3"), 50));
    }

    @Test
    void readsEachSettingByItsName() {
        RefundSettings settings = bind("refunds", RefundSettings.class, Map.of("REFUNDS_HOLD_ENABLED", "false",
                "REFUNDS_HOLD_FACTOR", "2.5", "REFUNDS_HOLD_MIN_REFUNDS", "7"));

        assertThat(settings.hold()).isEqualTo(new RefundSettings.Hold(false, new BigDecimal("2.5"), 7));
    }

    /** Binds as the application does, from environment variables such as a service manager passes. */
    private static <T> T bind(String prefix, Class<T> type, Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environment);
        return new Binder(ConfigurationPropertySources.from(source)).bindOrCreate(prefix, type);
    }
}
