package com.marketplace.refunds.partition;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.context.Lifecycle;

import com.marketplace.refunds.partition.internal.Broker;

/**
 * A worker process ({@code refunds.worker=true}, the worker command): takes part requests from the queue, one at
 * a time, once {@link #start()}ed; {@link #stop()} lets the part in hand finish first.
 */
public final class Worker {

    private final Broker broker;
    private final Supplier<Lifecycle> inbound;
    private final AppVersion version;

    public Worker(Broker broker, Supplier<Lifecycle> inbound, AppVersion version) {
        this.broker = broker;
        this.inbound = inbound;
        this.version = version;
    }

    /** Empty when RabbitMQ answers; otherwise the one line to print. */
    public Optional<String> unreachable() {
        return broker.unreachable().map(why -> "cannot reach RabbitMQ at " + broker.address() + " (" + why
                + "): start it, or set SPRING_RABBITMQ_HOST and SPRING_RABBITMQ_PORT, and start the worker again");
    }

    public void start() {
        inbound.get().start();
    }

    public void stop() {
        inbound.get().stop();
    }

    /** What the worker says when it starts listening. */
    public String describe() {
        return "worker " + version.value() + " takes parts from queue " + broker.queue() + " at " + broker.address()
                + "; SIGTERM stops it after the part in hand";
    }
}
