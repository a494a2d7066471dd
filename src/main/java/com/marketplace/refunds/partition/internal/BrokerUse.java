package com.marketplace.refunds.partition.internal;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Who talks to RabbitMQ: a nightly run in remote mode ({@code refunds.partitions.mode=remote}, trimmed, in any
 * case) and a worker ({@code refunds.worker=true}, set by the worker command). The one rule for the messaging
 * configurations' conditions and for Boot's RabbitMQ auto-configuration, which every other start (a local
 * night, stuck, archive, the actions, the support site) leaves out: it is about a fifth of Spring's start,
 * and a broker setting that would not bind cannot stop a run that never uses the broker.
 */
public final class BrokerUse {

    private static final String RABBIT_AUTO_CONFIGURATION = "org.springframework.boot.amqp.autoconfigure.";

    private BrokerUse() {
    }

    static boolean remoteRun(Environment environment) {
        return environment.getProperty("refunds.partitions.mode", "local").trim().equalsIgnoreCase("remote");
    }

    static boolean worker(Environment environment) {
        return "true".equals(environment.getProperty("refunds.worker", "false"));
    }

    static boolean used(Environment environment) {
        return remoteRun(environment) || worker(environment);
    }

    /** The run's side or the worker's: the queues, and Boot's connection factory. */
    static final class Anyone implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return used(context.getEnvironment());
        }
    }

    /** The run's side only: a remote run that is not a worker (which may share the run's settings). */
    static final class TheRun implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return remoteRun(context.getEnvironment()) && !worker(context.getEnvironment());
        }
    }

    /** Boot's RabbitMQ auto-configurations only where the broker is used (META-INF/spring.factories). */
    public static final class OnlyWhereUsed implements AutoConfigurationImportFilter, EnvironmentAware {

        private Environment environment;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
            boolean used = used(environment);
            boolean[] match = new boolean[candidates.length];
            for (int i = 0; i < candidates.length; i++) {
                match[i] = used || candidates[i] == null || !candidates[i].startsWith(RABBIT_AUTO_CONFIGURATION);
            }
            return match;
        }
    }
}
