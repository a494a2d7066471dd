package com.marketplace.refunds.support;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.RefundSettlementApplication;

/**
 * The batch application started in this JVM on a database, without a web server, its log at warnings only;
 * {@code settings} are more {@code --name=value} for it.
 */
public final class StartedApplication {

    private StartedApplication() {
    }

    public static ConfigurableApplicationContext on(String database, String... settings) {
        String[] arguments = new String[settings.length + 2];
        arguments[0] = "--spring.datasource.url=" + database;
        arguments[1] = "--logging.level.root=WARN";
        System.arraycopy(settings, 0, arguments, 2, settings.length);
        return new SpringApplicationBuilder(RefundSettlementApplication.class).web(WebApplicationType.NONE)
                .run(arguments);
    }
}
