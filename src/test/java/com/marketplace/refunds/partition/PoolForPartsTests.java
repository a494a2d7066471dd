package com.marketplace.refunds.partition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.support.StartedApplication;
import com.marketplace.refunds.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The run's pool holds connections for every part in a thread (a dense night in four local parts failed on a
 * pool of four: jobs/benchmark-partitions), and a larger pool someone set is kept.
 */
class PoolForPartsTests {

    private static final String DATABASE = TestDatabase.freshFor(PoolForPartsTests.class);

    @Test
    void thePoolGrowsToTwoConnectionsAPartAndTwoMore() {
        assertThat(poolSize("--refunds.partitions.count=4")).isEqualTo(10);
        assertThat(poolSize("--refunds.partitions.count=16")).isEqualTo(34);
    }

    @Test
    void aLargerPoolIsKeptAndTwoPartsNeedNoMoreThanTheDefault() {
        assertThat(poolSize("--refunds.partitions.count=4", "--spring.datasource.hikari.maximum-pool-size=20"))
                .isEqualTo(20);
        assertThat(poolSize("--refunds.partitions.count=1")).isEqualTo(4);
    }

    private static int poolSize(String... settings) {
        try (ConfigurableApplicationContext context = StartedApplication.on(DATABASE, settings)) {
            return context.getBean(HikariDataSource.class).getMaximumPoolSize();
        }
    }
}
