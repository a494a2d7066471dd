package com.marketplace.refunds.nightly;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Spring Batch observes its jobs and steps when an {@link ObservationRegistry} is in the context
 * (its BatchObservabilityBeanPostProcessor hands it to them); here the observations become timers
 * ({@code spring_batch_job_seconds}, {@code spring_batch_step_seconds}) in a Prometheus registry that
 * {@link RunMetrics} writes out at the end of every nightly command. {@link LogContext} gives each
 * line a step logs its business date and step.
 */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

    /** The business date and the step in every line a step logs. */
    @Bean
    static LogContext logContext() {
        return new LogContext();
    }

    @Bean
    PrometheusMeterRegistry batchMeterRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Bean
    ObservationRegistry observationRegistry(PrometheusMeterRegistry batchMeterRegistry) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(batchMeterRegistry));
        return registry;
    }
}
