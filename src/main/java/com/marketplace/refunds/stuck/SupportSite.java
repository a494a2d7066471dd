package com.marketplace.refunds.stuck;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.stuck.internal.web.SupportWebConfiguration;

/**
 * {@code serve}: the support site, a web application of its own beside the batch. It reads the stuck
 * list and refund histories through a database role that can only read, never the batch's, and
 * listens on localhost unless told otherwise.
 */
public final class SupportSite {

    private SupportSite() {
    }

    /** Starts the site; it runs until the returned context is closed (SIGTERM or Ctrl-C close it too). */
    public static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SupportWebConfiguration.class)
                .web(WebApplicationType.SERVLET)
                .logStartupInfo(false)
                // the batch turns the JVM's hook off to stop at a step boundary; a web server wants it
                .run("--spring.main.register-shutdown-hook=true");
    }

    /** Where support opens the stuck list, once the site has started. */
    public static String url(ConfigurableApplicationContext site) {
        int port = ((WebServerApplicationContext) site).getWebServer().getPort();
        String address = site.getEnvironment().getProperty("server.address", "localhost");
        return "http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port + "/support/stuck-refunds";
    }
}
