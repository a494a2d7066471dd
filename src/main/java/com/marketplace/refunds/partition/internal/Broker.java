package com.marketplace.refunds.partition.internal;

import java.util.Optional;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/** RabbitMQ as the run sees it: reachable or not, how many workers listen, and the queue emptied. */
public final class Broker {

    private final ConnectionFactory connectionFactory;
    private final AmqpAdmin admin;
    private final String queue;

    Broker(ConnectionFactory connectionFactory, AmqpAdmin admin, String queue) {
        this.connectionFactory = connectionFactory;
        this.admin = admin;
        this.queue = queue;
    }

    public String queue() {
        return queue;
    }

    public String address() {
        return connectionFactory.getHost() + ":" + connectionFactory.getPort();
    }

    /** Empty when RabbitMQ answers; why not otherwise (AmqpConnectException, AmqpAuthenticationException, ...). */
    public Optional<String> unreachable() {
        try (Connection connection = connectionFactory.createConnection()) {
            return connection.isOpen() ? Optional.empty() : Optional.of("the connection is closed");
        }
        catch (AmqpException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return Optional.of(root.getClass().getSimpleName() + ": " + root.getMessage());
        }
    }

    /** The workers listening on the queue (0 when it does not exist yet); AmqpConnectException when down. */
    public int workers() {
        QueueInformation info = admin.getQueueInfo(queue);
        return info == null ? 0 : info.getConsumerCount();
    }

    /** Drops the requests nobody took (those a worker holds unacknowledged stay): only under the run lock. */
    public void purge() {
        admin.purgeQueue(queue, false);
    }
}
