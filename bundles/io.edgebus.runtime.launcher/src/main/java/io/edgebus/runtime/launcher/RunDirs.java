package io.edgebus.runtime.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The run directory layout, the same as in cnf/runtime.bnd, made absolute: {@code <run dir>/framework} for the
 * framework storage, {@code <run dir>/config} for ConfigAdmin, and the deploy folder FileInstall watches. A
 * system property given on the command line for any of them is kept (made absolute); the others follow
 * {@code edgebus.run.dir}, so one -D moves all state of a runtime.
 */
final class RunDirs {

    static final String RUN_DIR = "edgebus.run.dir";
    static final String DEPLOY_DIR = "edgebus.deploy.dir";
    static final String STORAGE = "org.osgi.framework.storage";
    static final String CM_DIR = "felix.cm.dir";
    // bnd launcher keys: with a storage dir of its own and keep=true the launcher neither deletes the storage nor
    // replaces org.osgi.framework.storage.clean=onFirstInit with its own value.
    static final String LAUNCH_STORAGE = "launch.storage.dir";
    static final String LAUNCH_KEEP = "launch.keep";

    private RunDirs() {
    }

    static void apply(Properties launcher, Properties system) {
        Path runDir = absolute(first(system.getProperty(RUN_DIR), launcher.getProperty(RUN_DIR), "run"));
        system.setProperty(RUN_DIR, runDir.toString());

        Path storage = givenOr(system, STORAGE, runDir.resolve("framework"));
        system.setProperty(STORAGE, storage.toString());
        system.setProperty(LAUNCH_STORAGE, storage.toString());
        system.setProperty(LAUNCH_KEEP, "true");

        system.setProperty(CM_DIR, givenOr(system, CM_DIR, runDir.resolve("config")).toString());

        Path deploy = absolute(first(system.getProperty(DEPLOY_DIR), launcher.getProperty(DEPLOY_DIR), "deploy"));
        system.setProperty(DEPLOY_DIR, deploy.toString());
        // FileInstall only complains about a missing folder; create it so dropping files in works at once.
        try {
            Files.createDirectories(deploy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the deploy folder " + deploy, e);
        }
    }

    private static Path givenOr(Properties system, String key, Path fallback) {
        String given = system.getProperty(key);
        return given == null || given.isBlank() ? fallback : absolute(given);
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        throw new IllegalArgumentException("no value");
    }

    private static Path absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }
}
