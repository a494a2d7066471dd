package com.marketplace.refunds.partition;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The run's connection pool holds enough connections for its parts: each part in a thread holds one for its
 * transaction and may ask for one more for the job repository meanwhile, and the run lock holds one for the
 * whole run. With {@code spring.datasource.hikari.maximum-pool-size} (4) below {@code 2 × parts + 2}, a night of
 * four parts or more failed when its parts waited longer than the pool's timeout for each other's connections.
 */
@Component
class PoolForParts implements BeanPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** The pool size the run's parts need at least. */
    static int needed(int parts) {
        return 2 * parts + 2;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if ("dataSource".equals(beanName) && bean instanceof HikariDataSource pool) {
            int parts = environment.getProperty("refunds.partitions.count", Integer.class, 2);
            if (pool.getMaximumPoolSize() < needed(parts)) {
                pool.setMaximumPoolSize(needed(parts));
            }
        }
        return bean;
    }
}
