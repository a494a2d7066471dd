package com.marketplace.refunds.partition;

import org.springframework.core.env.Environment;

/**
 * The version a part request carries and a worker compares: the Implementation-Version of the jar this class
 * comes from ("development" when run from classes); {@code refunds.version} overrides it (tests start workers
 * "of another version" with it; give every build its own when SNAPSHOT builds are deployed side by side).
 */
public record AppVersion(String value) {

    /** Not "x-...": Spring Integration's outbound AMQP header mapper drops x-* headers. */
    public static final String HEADER = "refunds-version";

    public static AppVersion of(Environment environment) {
        String built = AppVersion.class.getPackage().getImplementationVersion();
        return new AppVersion(environment.getProperty("refunds.version", built != null ? built : "development"));
    }
}
