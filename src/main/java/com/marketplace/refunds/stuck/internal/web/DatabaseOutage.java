package com.marketplace.refunds.stuck.internal.web;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * What the site does when a read fails on the database: one log line, and every pooled connection
 * dropped, since a restart or a cut that killed one has killed them all. The next request then
 * connects afresh instead of meeting the other dead connections one failure at a time.
 */
@Component
class DatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    private final DataSource dataSource;

    DatabaseOutage(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void seen(DataAccessException failure) {
        log.warn("The support site could not read the database: {}", failure.getMostSpecificCause().getMessage());
        if (dataSource instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }
}
