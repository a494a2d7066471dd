package com.marketplace.refunds.simulate.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import com.marketplace.refunds.nightly.UsageException;
import com.marketplace.refunds.simulate.processor.ProcessorSimulator.Shares;

/** The simulator's shares: their names, as the README lists them, their defaults, and what does not fit. */
class SimulatorSettingsTests {

    @Test
    void defaultsToTheReadmesValues() {
        assertThat(shares(Map.of())).isEqualTo(new Shares(20, 30, 10, 5, 5, 5)).isEqualTo(Shares.defaults());
    }

    @Test
    void readsEachShareByItsName() {
        assertThat(shares(Map.of("REFUNDS_SIMULATOR_REVERSED_PER_MILLE", "1",
                "REFUNDS_SIMULATOR_SILENT_PER_MILLE", " 2 ",
                "REFUNDS_SIMULATOR_AMOUNT_MISMATCH_PER_MILLE", "3",
                "REFUNDS_SIMULATOR_CURRENCY_MISMATCH_PER_MILLE", "4",
                "REFUNDS_SIMULATOR_DUPLICATE_PER_MILLE", "5",
                "REFUNDS_SIMULATOR_UNKNOWN_REFERENCES_PER_MILLE", "6")))
                .isEqualTo(new Shares(1, 2, 3, 4, 5, 6));
    }

    @Test
    void aShareThatDoesNotFitIsWrongUsageNamingItsSettingButNotItsValue() {
        for (String value : new String[] {"abc", "", "-1", "1001", "1e3"}) {
            assertThatThrownBy(() -> shares(Map.of("REFUNDS_SIMULATOR_SILENT_PER_MILLE", value)))
                    .as("silent-per-mille=%s", value).isInstanceOf(UsageException.class)
                    .hasMessageContaining("REFUNDS_SIMULATOR_SILENT_PER_MILLE (refunds.simulator.silent-per-mille)")
                    .hasMessageContaining("a whole number from 0 to 1000");
        }
        assertThatThrownBy(() -> shares(Map.of("REFUNDS_SIMULATOR_SILENT_PER_MILLE", "990")))
                .isInstanceOf(UsageException.class).hasMessageContaining("the simulator's shares do not fit");
    }

    private static Shares shares(Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environment);
        return SimulatorSettings.shares(new Binder(ConfigurationPropertySources.from(source)));
    }
}
