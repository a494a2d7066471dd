package com.marketplace.refunds.partition.internal;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.dsl.IntegrationFlow;

import com.marketplace.refunds.partition.AppVersion;
import com.marketplace.refunds.partition.PartitionSettings;
import com.marketplace.refunds.partition.Worker;

/**
 * The worker ({@code refunds.worker=true}, set by the worker command): one consumer, one message at
 * a time (prefetch 1), acknowledged after the part (AUTO), never requeued when rejected (it goes to
 * the dead-letter queue); a worker that dies mid-part leaves its message unacknowledged, and the
 * broker gives it to the next worker. The adapter starts when the worker command says so.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("refunds.worker")
public class WorkerMessaging {

    static final String INBOUND = "partRequestsFromRabbit";

    @Bean
    PartRequests partRequests(JobRepository jobRepository, BeanFactory beanFactory, DataSource dataSource,
                              Environment environment) {
        BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
        steps.setBeanFactory(beanFactory);
        StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
        handler.setJobRepository(jobRepository);
        handler.setStepLocator(steps);
        return new PartRequests(jobRepository, handler, dataSource, AppVersion.of(environment));
    }

    @Bean
    Worker worker(Broker broker, ApplicationContext context, Environment environment) {
        return new Worker(broker, () -> context.getBean(INBOUND, Lifecycle.class), AppVersion.of(environment));
    }

    @Bean
    IntegrationFlow partRequestsFlow(ConnectionFactory connectionFactory, PartitionSettings settings,
                                     PartRequests partRequests) {
        // Java serialization, StepExecutionRequest only: Spring AMQP refuses any class not allowed here
        SimpleMessageConverter converter = new SimpleMessageConverter();
        converter.setAllowedListPatterns(List.of(StepExecutionRequest.class.getName()));
        return IntegrationFlow.from(Amqp.inboundAdapter(connectionFactory, settings.queue())
                        .configureContainer(container -> container
                                .concurrentConsumers(1)
                                .prefetchCount(1)
                                .acknowledgeMode(AcknowledgeMode.AUTO)
                                .defaultRequeueRejected(false)
                                .shutdownTimeout(Duration.ofMinutes(30).toMillis()))
                        .messageConverter(converter)
                        .id(INBOUND)
                        .autoStartup(false))
                .handle(StepExecutionRequest.class, (request, headers) -> {
                    partRequests.run(request, headers);
                    return null;
                })
                .get();
    }
}
