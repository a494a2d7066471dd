package com.marketplace.refunds.partition.internal;

import javax.sql.DataSource;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;

import com.marketplace.refunds.partition.AppVersion;
import com.marketplace.refunds.partition.PartitionSettings;

/**
 * The nightly run's side ({@code refunds.partitions.mode=remote}, not in a worker, which may share the run's
 * settings): part requests, stamped with this
 * version, go through the default exchange to the parts queue (persistent: MessageProperties'
 * default delivery mode); nothing comes back by message, the run polls the job repository.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(BrokerUse.TheRun.class)
public class ManagerMessaging {

    @Bean
    DirectChannel partRequestsOut() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow partRequestsToRabbit(DirectChannel partRequestsOut, RabbitTemplate rabbitTemplate,
                                         PartitionSettings settings, Environment environment) {
        String version = AppVersion.of(environment).value();
        return IntegrationFlow.from(partRequestsOut)
                .enrichHeaders(headers -> headers.header(AppVersion.HEADER, version))
                .handle(Amqp.outboundAdapter(rabbitTemplate).routingKey(settings.queue()))
                .get();
    }

    @Bean
    RemoteParts remoteParts(DirectChannel partRequestsOut, JobRepository jobRepository, Broker broker,
                            DataSource dataSource, PartitionSettings settings) {
        // the channel as a parameter: with proxyBeanMethods = false, calling partRequestsOut() makes a new one
        return new RemoteParts(partRequestsOut, jobRepository, broker, dataSource, settings);
    }
}
