package com.marketplace.refunds.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.support.StartedApplication;
import com.marketplace.refunds.support.TestDatabase;

/**
 * Only a run in remote mode and a worker talk to RabbitMQ, so only they get Boot's RabbitMQ beans: every other
 * start (a local night, stuck, archive, the actions) goes without them (a fifth of a second of Spring's start,
 * a start the test suite makes hundreds of times), and a broker setting that would not bind cannot stop them.
 */
class BrokerUseTests {

    private static final String DATABASE = TestDatabase.freshFor(BrokerUseTests.class);

    @Test
    void aLocalRunHasNoRabbitMqBeansEvenWithABrokerSettingThatWouldNotBind() {
        assertThat(rabbitBeans()).isEmpty();
        assertThat(rabbitBeans("--refunds.partitions.mode=local", "--spring.rabbitmq.port=not-a-port")).isEmpty();
    }

    @Test
    void aRemoteRunAndAWorkerHaveTheirConnectionFactory() {
        assertThat(rabbitBeans("--refunds.partitions.mode=remote"))
                .contains("rabbitConnectionFactory", "rabbitTemplate", "amqpAdmin");
        assertThat(rabbitBeans("--refunds.partitions.mode= Remote "))
                .as("the mode as the messaging configuration reads it: trimmed, in any case")
                .contains("rabbitConnectionFactory");
        assertThat(rabbitBeans("--refunds.worker=true", "--spring.flyway.enabled=false"))
                .contains("rabbitConnectionFactory", "amqpAdmin");
    }

    private static List<String> rabbitBeans(String... settings) {
        try (ConfigurableApplicationContext context = StartedApplication.on(DATABASE, settings)) {
            return List.of(ConnectionFactory.class, RabbitTemplate.class, AmqpAdmin.class).stream()
                    .flatMap(type -> List.of(context.getBeanNamesForType(type)).stream()).distinct().toList();
        }
    }
}
