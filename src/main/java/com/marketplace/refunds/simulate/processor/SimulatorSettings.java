package com.marketplace.refunds.simulate.processor;

import org.springframework.core.env.StandardEnvironment;

import com.marketplace.refunds.nightly.StartupProblem;
import com.marketplace.refunds.nightly.UsageException;
import com.marketplace.refunds.simulate.processor.ProcessorSimulator.Shares;

/**
 * The simulator's shares, in per mille of the refunds sent: Spring properties
 * {@code refunds.simulator.*-per-mille}, also settable as environment variables
 * ({@code REFUNDS_SIMULATOR_REVERSED_PER_MILLE=50}). Read without starting the application, which
 * the simulator does not need.
 */
public final class SimulatorSettings {

    private SimulatorSettings() {
    }

    public static Shares shares() {
        StandardEnvironment env = new StandardEnvironment();
        Shares defaults = Shares.defaults();
        try {
            return shares(env, defaults);
        }
        catch (IllegalArgumentException e) {
            throw new UsageException("the simulator's shares do not fit: " + e.getMessage());
        }
    }

    private static Shares shares(StandardEnvironment env, Shares defaults) {
        return new Shares(
                perMille(env, "reversed", defaults.reversedPerMille()),
                perMille(env, "silent", defaults.silentPerMille()),
                perMille(env, "amount-mismatch", defaults.amountMismatchPerMille()),
                perMille(env, "currency-mismatch", defaults.currencyMismatchPerMille()),
                perMille(env, "duplicate", defaults.duplicatePerMille()),
                perMille(env, "unknown-references", defaults.unknownReferencesPerMille()));
    }

    private static int perMille(StandardEnvironment env, String name, int fallback) {
        String value = env.getProperty("refunds.simulator." + name + "-per-mille");
        if (value == null) {
            return fallback;
        }
        try {
            int perMille = Integer.parseInt(value.trim());
            if (perMille < 0 || perMille > 1000) {
                throw new NumberFormatException();
            }
            return perMille;
        }
        catch (NumberFormatException e) {
            throw new UsageException(StartupProblem.badSetting("refunds.simulator." + name + "-per-mille",
                    "a whole number from 0 to 1000"));
        }
    }
}
