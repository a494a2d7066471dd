package com.marketplace.refunds.stuck.internal.web;

import javax.sql.DataSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

import com.marketplace.refunds.action.ActionRequests;
import com.marketplace.refunds.stuck.OrderRefunds;
import com.marketplace.refunds.stuck.StuckRefunds;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The support site's application: Spring MVC, templates and security, on a connection pool of its own
 * that logs in as the site's role, which may only read and record requests and decisions through the
 * database's functions (ReadOnlyRole). Nothing of the batch is started: no Flyway (the role could not
 * migrate, and must not), no job repository.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = {FlywayAutoConfiguration.class, BatchAutoConfiguration.class,
        BatchJdbcAutoConfiguration.class})
@EnableConfigurationProperties(SupportSettings.class)
@ComponentScan
@Import({StuckRefunds.class, OrderRefunds.class, ActionRequests.class})
public class SupportWebConfiguration {

    /** Never the batch's {@code spring.datasource}: the site has its own URL, role and password. */
    @Bean(destroyMethod = "close")
    DataSource supportDataSource(SupportSettings settings) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("support");
        pool.setJdbcUrl(settings.datasource().url());
        pool.setUsername(settings.datasource().username());
        pool.setPassword(settings.datasource().password());
        pool.setMaximumPoolSize(settings.datasource().poolSize());
        pool.setConnectionTimeout(settings.datasource().connectionTimeout().toMillis());
        pool.setInitializationFailTimeout(1);
        // read-only even if the role were not: every transaction of the site refuses to write, but the one
        // ActionDesk opens READ WRITE to call a recording function
        pool.setConnectionInitSql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        pool.addDataSourceProperty("ApplicationName", "refund-settlement-support");
        return pool;
    }
}
