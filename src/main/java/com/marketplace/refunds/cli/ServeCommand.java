package com.marketplace.refunds.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

import sun.misc.Signal;

import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.StartupProblem;
import com.marketplace.refunds.stuck.SupportSite;
import com.marketplace.refunds.stuck.SupportSiteMisconfigured;

/** {@code serve}: the support site, until it is asked to stop; a failure to start is one line and an exit code. */
final class ServeCommand {

    private ServeCommand() {
    }

    /** Runs the support site until it is stopped (SIGTERM, Ctrl-C); only a failure to start is an error. */
    static int run(PrintStream out, PrintStream err) {
        ConfigurableApplicationContext site;
        try {
            site = SupportSite.start();
        }
        catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SupportSiteMisconfigured misconfigured) {
                    err.println("refund-settlement: " + misconfigured.getMessage());
                    return ExitCode.USAGE.code();
                }
                if (cause instanceof PortInUseException inUse) {
                    err.println("refund-settlement: port " + inUse.getPort() + " is taken by another program; stop it, "
                            + "or set SERVER_PORT to a free port");
                    return ExitCode.FAILED.code();
                }
            }
            StartupProblem problem = StartupProblem.of(e, "REFUNDS_SUPPORT_DATASOURCE");
            err.println("refund-settlement: " + problem.message());
            return problem.exitCode().code();
        }
        CountDownLatch closed = new CountDownLatch(1);
        site.addApplicationListener((ContextClosedEvent event) -> closed.countDown());
        // a stop that was asked for (SIGTERM from a service manager, Ctrl-C) closes the site and exits 0,
        // not the 143 or 130 of a JVM that a signal ends
        for (String stop : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(stop), signal -> site.close());
        }
        out.println("The support site is open at " + SupportSite.url(site) + "; stop it with Ctrl-C");
        out.flush();
        try {
            closed.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            site.close();
        }
        return ExitCode.COMPLETED.code();
    }
}
