package com.marketplace.refunds.partition.internal;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;

import com.marketplace.refunds.partition.PartitionSettings;

/**
 * What the manager (nightly with mode=remote) and the workers share: Spring Integration, and the
 * durable queue of part requests with its dead-letter queue. Boot's RabbitAdmin declares them on the
 * first connection. (@EnableBatchIntegration would do too: it is @EnableIntegration plus the
 * RemotePartitioning*StepBuilderFactory beans, which this design does not use.)
 */
@Configuration(proxyBeanMethods = false)
@Conditional(BrokerUse.Anyone.class)
@EnableIntegration
public class Messaging {

    @Bean
    Declarables partQueues(PartitionSettings settings) {
        String dead = settings.queue() + ".dead";
        return new Declarables(
                QueueBuilder.durable(settings.queue()).deadLetterExchange("").deadLetterRoutingKey(dead).build(),
                QueueBuilder.durable(dead).build());
    }

    @Bean
    Broker broker(org.springframework.amqp.rabbit.connection.ConnectionFactory connectionFactory,
                  org.springframework.amqp.core.AmqpAdmin amqpAdmin, PartitionSettings settings) {
        return new Broker(connectionFactory, amqpAdmin, settings.queue());
    }
}
