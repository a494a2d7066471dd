package com.marketplace.refunds.cli;

import java.io.PrintStream;
import java.util.function.Function;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.StartupProblem;

/** Starts the application without a web server and runs a command in it; a start that fails is one clear line. */
final class WithApplication {

    private WithApplication() {
    }

    static int run(Class<?> application, PrintStream err, Function<ConfigurableApplicationContext, ExitCode> command) {
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE).logStartupInfo(false).run();
        }
        catch (RuntimeException e) {
            StartupProblem problem = StartupProblem.of(e);
            err.println("refund-settlement: " + problem.message());
            return problem.exitCode().code();
        }
        try (context) {
            return command.apply(context).code();
        }
    }
}
