package io.edgebus.itest;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A real Felix framework in this JVM with the EdgeBus bundles and their dependencies, taken from the
 * test class path. SLF4J comes from the class path through the system bundle, so the framework
 * logs where the test logs.
 */
final class TestFramework implements AutoCloseable {
    private static final String[] BUNDLES = {
        "org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component-",
        "org.apache.felix.scr", "org.apache.felix.configadmin", "jackson-annotations", "jackson-core",
        "jackson-databind", "amqp-client", "io.edgebus.api", "io.edgebus.core", "io.edgebus.transport.rabbitmq",
    };

    private final Framework framework;
    private final Path storage;

    TestFramework(Path storage, Map<String, String> extraProperties) throws Exception {
        this(storage, extraProperties, List.of());
    }

    /** With more bundles from the class path, by file-name prefix, installed after the base set. */
    TestFramework(Path storage, Map<String, String> extraProperties, List<String> moreBundles) throws Exception {
        this.storage = storage;
        Map<String, String> config = new HashMap<>(extraProperties);
        config.put("org.osgi.framework.storage", storage.toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        config.put("org.osgi.framework.system.packages.extra",
                "org.slf4j;version=2.0.16,org.slf4j.event;version=2.0.16,org.slf4j.helpers;version=2.0.16,"
                        + "org.slf4j.spi;version=2.0.16,org.slf4j;version=1.7.36,org.slf4j.helpers;version=1.7.36");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        List<Bundle> installed = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(BUNDLES));
        names.addAll(moreBundles);
        for (String name : names) {
            File jar = classPathJar(name);
            installed.add(context().installBundle(jar.toURI().toString()));
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get("Fragment-Host") == null) {
                b.start();
            }
        }
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    Bundle install(String location, byte[] jar) throws Exception {
        Bundle b = context().installBundle(location, new ByteArrayInputStream(jar));
        b.start();
        return b;
    }

    /**
     * Creates a factory configuration (or, with a null name, the configuration of a plain PID) through
     * ConfigAdmin, by reflection: its classes live in the framework.
     */
    void configure(String factoryPid, String name, Map<String, Object> properties) throws Exception {
        ServiceReference<?> ref = awaitService("org.osgi.service.cm.ConfigurationAdmin");
        Object admin = context().getService(ref);
        ClassLoader cl = admin.getClass().getClassLoader();
        Class<?> adminType = cl.loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Object configuration = name == null
                ? adminType.getMethod("getConfiguration", String.class, String.class).invoke(admin, factoryPid, "?")
                : adminType.getMethod("getFactoryConfiguration", String.class, String.class, String.class)
                        .invoke(admin, factoryPid, name, "?");
        Method update = cl.loadClass("org.osgi.service.cm.Configuration").getMethod("update", Dictionary.class);
        update.invoke(configuration, new Hashtable<>(properties));
    }

    /** Deletes a factory configuration made by {@link #configure}: its component deactivates. */
    void deleteConfiguration(String factoryPid, String name) throws Exception {
        ServiceReference<?> ref = awaitService("org.osgi.service.cm.ConfigurationAdmin");
        Object admin = context().getService(ref);
        ClassLoader cl = admin.getClass().getClassLoader();
        Object configuration = name == null
                ? cl.loadClass("org.osgi.service.cm.ConfigurationAdmin").getMethod("getConfiguration", String.class,
                        String.class).invoke(admin, factoryPid, "?")
                : cl.loadClass("org.osgi.service.cm.ConfigurationAdmin").getMethod("getFactoryConfiguration",
                        String.class, String.class, String.class).invoke(admin, factoryPid, name, "?");
        cl.loadClass("org.osgi.service.cm.Configuration").getMethod("delete").invoke(configuration);
    }

    ServiceReference<?> awaitService(String type) throws InterruptedException {
        return awaitService(type, null);
    }

    ServiceReference<?> awaitService(String type, String filter) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                ServiceReference<?>[] refs = context().getAllServiceReferences(type, filter);
                if (refs != null && refs.length > 0) {
                    return refs[0];
                }
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type + " " + (filter == null ? "" : filter) + " service within 20 s");
    }

    /** A class of the framework's io.edgebus.api bundle (not the test class path's copy). */
    Class<?> apiClass(String name) throws ClassNotFoundException {
        return bundleClass("io.edgebus.api", name);
    }

    /** A class as the framework's bundle {@code symbolicName} sees it. */
    Class<?> bundleClass(String symbolicName, String name) throws ClassNotFoundException {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b.loadClass(name);
            }
        }
        throw new IllegalStateException(symbolicName + " is not installed");
    }

    /** Waits until the endpoint's Bus reports RUNNING (connected, topology declared). */
    void awaitEndpointRunning(String endpoint) throws InterruptedException {
        HotDeployIT.await(endpoint + " running", () -> {
            try {
                return "RUNNING".equals(String.valueOf(call(
                        awaitService("io.edgebus.api.Bus", "(edgebus.endpoint=" + endpoint + ")"), "state")));
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Invokes a no-argument method on a framework service, by reflection. */
    Object call(ServiceReference<?> ref, String method) throws Exception {
        Object service = context().getService(ref);
        try {
            return service.getClass().getMethod(method).invoke(service);
        } finally {
            context().ungetService(ref);
        }
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(60_000);
        try (var files = Files.walk(storage)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static File classPathJar(String prefix) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            if (f.getName().startsWith(prefix) && f.getName().endsWith(".jar")) {
                return f;
            }
        }
        throw new IllegalStateException("bundle " + prefix + "*.jar is not on the test class path");
    }

    static Path tempDir() throws IOException {
        return Files.createTempDirectory("edgebus-itest");
    }
}
