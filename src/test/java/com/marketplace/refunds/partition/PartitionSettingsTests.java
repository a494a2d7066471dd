package com.marketplace.refunds.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The partitions' settings: their names, as the README lists them, and their defaults (local, 2 parts). */
class PartitionSettingsTests {

    @Test
    void defaultsToTwoLocalParts() {
        PartitionSettings settings = bind(Map.of());

        assertThat(settings).isEqualTo(new PartitionSettings(2, PartitionSettings.Mode.LOCAL, "refund-settlement.parts",
                Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ZERO));
    }

    @Test
    void readsEachSettingByItsName() {
        PartitionSettings settings = bind(Map.of("REFUNDS_PARTITIONS_COUNT", "4", "REFUNDS_PARTITIONS_MODE", "remote",
                "REFUNDS_PARTITIONS_QUEUE", "night-parts", "REFUNDS_PARTITIONS_WORKER_WAIT", "15s",
                "REFUNDS_PARTITIONS_CHECK_EVERY", "500ms", "REFUNDS_PARTITIONS_TIMEOUT", "2h"));

        assertThat(settings).isEqualTo(new PartitionSettings(4, PartitionSettings.Mode.REMOTE, "night-parts",
                Duration.ofSeconds(15), Duration.ofMillis(500), Duration.ofHours(2)));
    }

    /** Binds as the application does, from environment variables such as a service manager passes. */
    private static PartitionSettings bind(Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environment);
        return new Binder(ConfigurationPropertySources.from(source)).bindOrCreate("refunds.partitions",
                PartitionSettings.class);
    }
}
