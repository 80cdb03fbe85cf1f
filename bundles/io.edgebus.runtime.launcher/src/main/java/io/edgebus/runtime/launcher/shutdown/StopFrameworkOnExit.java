package io.edgebus.runtime.launcher.shutdown;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;

/**
 * The bnd launcher does not stop the framework when the JVM exits, so on SIGTERM (systemd stop, Ctrl-C) no bundle
 * would be stopped and no component deactivated: in-flight messages would not be drained. This hook stops the
 * framework and waits for it, bounded so a stuck bundle cannot keep the process alive.
 */
public class StopFrameworkOnExit implements BundleActivator {

    /** Read by the bnd launcher: install the hook before any bundle starts. */
    public static final String IMMEDIATE = "BEFORE_BUNDLES_START";

    static final String TIMEOUT = "edgebus.shutdown.timeout.ms";

    private Thread hook;

    @Override
    public void start(BundleContext context) {
        Bundle system = context.getBundle(0);
        long timeout = Long.getLong(TIMEOUT, 8000);
        hook = new Thread(() -> stop(system, timeout), "edgebus-framework-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void stop(BundleContext context) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is what is stopping us; nothing to remove.
        }
    }

    private static void stop(Bundle system, long timeout) {
        try {
            system.stop();
            if (system instanceof Framework framework) {
                framework.waitForStop(timeout);
            }
        } catch (BundleException e) {
            System.err.println("Could not stop the OSGi framework: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
