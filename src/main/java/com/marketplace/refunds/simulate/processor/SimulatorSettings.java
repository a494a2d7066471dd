package com.marketplace.refunds.simulate.processor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.StandardEnvironment;

import com.marketplace.refunds.nightly.StartupProblem;
import com.marketplace.refunds.nightly.UsageException;
import com.marketplace.refunds.simulate.processor.ProcessorSimulator.Shares;

/**
 * The simulator's shares, in per mille of the refunds sent, with their defaults: Spring properties
 * {@code refunds.simulator.*-per-mille}, also settable as environment variables
 * ({@code REFUNDS_SIMULATOR_REVERSED_PER_MILLE=50}). Bound from the environment without starting the
 * application, which the simulator does not need.
 */
@ConfigurationProperties(SimulatorSettings.PREFIX)
public record SimulatorSettings(@DefaultValue("20") int reversedPerMille, @DefaultValue("30") int silentPerMille,
                                @DefaultValue("10") int amountMismatchPerMille,
                                @DefaultValue("5") int currencyMismatchPerMille,
                                @DefaultValue("5") int duplicatePerMille,
                                @DefaultValue("5") int unknownReferencesPerMille) {

    static final String PREFIX = "refunds.simulator";
    private static final String PER_MILLE = "a whole number from 0 to 1000";

    /** The shares the environment and the system properties set; a setting that does not fit is wrong usage. */
    public static Shares shares() {
        return shares(Binder.get(new StandardEnvironment()));
    }

    static Shares shares(Binder binder) {
        SimulatorSettings settings;
        try {
            settings = binder.bindOrCreate(PREFIX, SimulatorSettings.class);
        }
        catch (BindException e) {
            throw new UsageException(StartupProblem.badSetting(e.getName().toString(), PER_MILLE));
        }
        return settings.toShares();
    }

    /** The shares when nothing is set. */
    static Shares defaults() {
        return new Binder().bindOrCreate(PREFIX, SimulatorSettings.class).toShares();
    }

    private Shares toShares() {
        perMille("reversed", reversedPerMille);
        perMille("silent", silentPerMille);
        perMille("amount-mismatch", amountMismatchPerMille);
        perMille("currency-mismatch", currencyMismatchPerMille);
        perMille("duplicate", duplicatePerMille);
        perMille("unknown-references", unknownReferencesPerMille);
        try {
            return new Shares(reversedPerMille, silentPerMille, amountMismatchPerMille, currencyMismatchPerMille,
                    duplicatePerMille, unknownReferencesPerMille);
        }
        catch (IllegalArgumentException e) {
            throw new UsageException("the simulator's shares do not fit: " + e.getMessage());
        }
    }

    private static void perMille(String name, int value) {
        if (value < 0 || value > 1000) {
            throw new UsageException(StartupProblem.badSetting(PREFIX + "." + name + "-per-mille", PER_MILLE));
        }
    }
}
