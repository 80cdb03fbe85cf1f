package io.edgebus.runtime.console;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where the console is and where its password comes from, read from framework/system properties and the
 * environment. The lookups are functions so tests need no framework.
 */
record ConsoleSettings(Path runDir, String url, String givenPassword, String givenPasswordSource) {

    static final String RUN_DIR = "edgebus.run.dir";
    static final String PASSWORD_PROPERTY = "edgebus.console.password";
    static final String PASSWORD_ENV = "EDGEBUS_CONSOLE_PASSWORD";
    static final String PASSWORD_FILE = "console-password";

    static ConsoleSettings from(UnaryOperator<String> property, UnaryOperator<String> env) {
        Path runDir = Path.of(orDefault(property.apply(RUN_DIR), "run")).toAbsolutePath().normalize();
        String port = orDefault(property.apply("org.osgi.service.http.port"), "8080");
        String root = orDefault(property.apply("felix.webconsole.manager.root"), "/system/console");
        String url = "http://localhost:" + port + root;
        String fromProperty = property.apply(PASSWORD_PROPERTY);
        if (fromProperty != null && !fromProperty.isEmpty()) {
            return new ConsoleSettings(runDir, url, fromProperty, "system property " + PASSWORD_PROPERTY);
        }
        String fromEnv = env.apply(PASSWORD_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new ConsoleSettings(runDir, url, fromEnv, "environment variable " + PASSWORD_ENV);
        }
        return new ConsoleSettings(runDir, url, null, null);
    }

    Path passwordFile() {
        return runDir.resolve(PASSWORD_FILE);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
