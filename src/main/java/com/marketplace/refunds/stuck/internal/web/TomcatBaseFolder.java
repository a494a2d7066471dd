package com.marketplace.refunds.stuck.internal.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Tomcat's base folder for the site: a new temporary folder, removed with what Tomcat put in it when the
 * site stops (its web server stops before the beans are destroyed; after a failed start, when the JVM
 * exits). Spring Boot's own one stays in the temporary folder after every start, an empty
 * work/Tomcat/localhost/ROOT tree each. A folder named by {@code server.tomcat.basedir} is the
 * operator's: used as it is and never removed.
 */
@Component
class TomcatBaseFolder implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, DisposableBean {

    private static final String BASE_DIRECTORY_SETTING = "server.tomcat.basedir";

    private final Environment environment;
    private Path folder;

    TomcatBaseFolder(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        if (environment.containsProperty(BASE_DIRECTORY_SETTING)) {
            return;
        }
        try {
            folder = Files.createTempDirectory("tomcat-support-");
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot make Tomcat's folder in the temporary folder", e);
        }
        factory.setBaseDirectory(folder.toFile());
        // a site that fails to start has its beans destroyed before Tomcat stops, and Tomcat's stop makes the
        // (then empty) folder again: that one goes when the JVM exits
        folder.toFile().deleteOnExit();
    }

    @Override
    public void destroy() throws IOException {
        if (folder != null) {
            FileSystemUtils.deleteRecursively(folder);
            folder = null;
        }
    }
}
