package com.marketplace.refunds.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.nightly.StartupProblem;
import com.marketplace.refunds.partition.Worker;

/**
 * {@code worker}: takes parts of the nightly steps from RabbitMQ, one at a time, until SIGTERM, which lets the part
 * in hand finish before the process goes. It never migrates the database (the nightly run does). RabbitMQ out of
 * reach at start: one line, exit 1; lost later: the listener reconnects every 5 s and goes on.
 */
final class WorkerCommand {

    private WorkerCommand() {
    }

    static int run(Class<?> application, PrintStream out, PrintStream err) {
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE).logStartupInfo(false)
                    .run("--refunds.worker=true", "--spring.flyway.enabled=false");
        }
        catch (RuntimeException e) {
            StartupProblem problem = StartupProblem.of(e);
            err.println("refund-settlement: " + problem.message());
            return problem.exitCode().code();
        }
        Worker worker = context.getBean(Worker.class);
        Optional<String> down = worker.unreachable();
        if (down.isPresent()) {
            err.println("refund-settlement: " + down.get());
            context.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.stop(); // no new part; waits for the one in hand
            context.close();
            stopped.countDown();
        }, "worker-stop"));
        worker.start();
        out.println(worker.describe());
        out.flush();
        try {
            stopped.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
