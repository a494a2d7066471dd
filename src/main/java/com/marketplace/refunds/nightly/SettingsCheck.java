package com.marketplace.refunds.nightly;

import java.util.List;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;

/**
 * Checks the settings as soon as they are known, before any bean, connection or file exists: the
 * batch's own ({@link BatchSettings}, which the features bind into their own
 * {@code @ConfigurationProperties} records and would otherwise reject deep inside, without naming
 * them) and the database URLs. A value that does not fit fails with
 * a binding failure or an {@link InvalidSetting}, which {@link StartupProblem} turns into exit 2 and one
 * line. Registered for every application of the product (META-INF/spring.factories), the support
 * site's included.
 */
public class SettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** The loggers {@code refunds.step-log} sets: each step's progress. */
    private static final String STEP_LOG = "com.marketplace.refunds";
    private static final List<String> DATABASE_URLS = List.of("spring.datasource.url", "refunds.support.datasource.url");
    private static final String DATABASE_URL = "a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE)";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Binder binder = Binder.get(event.getEnvironment());
        binder.bind("refunds", Bindable.of(BatchSettings.class)).ifBound(settings -> settings.stepLogLevel()
                // the logging system has its levels by now (LoggingApplicationListener runs first): this one wins
                .ifPresent(level -> LoggingSystem.get(event.getSpringApplication().getClassLoader())
                        .setLogLevel(STEP_LOG, level)));
        for (String property : DATABASE_URLS) {
            binder.bind(property, String.class).ifBound(url -> {
                if (!url.startsWith("jdbc:postgresql:")) {
                    throw new InvalidSetting(property, DATABASE_URL);
                }
            });
        }
    }
}
