package com.marketplace.refunds.nightly;

import java.sql.SQLException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@code nightly --dry-run} (docs/running.md, "Preview"): the application's database is one connection
 * in one transaction rolled back at the end ({@link PreviewDataSource}), in place of the pool Spring
 * Boot would make. The command line turns this on with {@code refunds.preview=true}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "refunds.preview", havingValue = "true")
class PreviewConfiguration {

    @Bean(destroyMethod = "close")
    PreviewDataSource previewDataSource(Environment environment) throws SQLException {
        return new PreviewDataSource(environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"),
                environment.getProperty("refunds.session-name", "refund-settlement") + "-preview");
    }
}
