package io.edgebus.distro.itest.probe;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The whole content of the probe bundles the tests install: it says on stdout that it really ran. */
public class ProbeActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        System.out.println("EdgeBus probe started: " + context.getBundle().getSymbolicName());
    }

    @Override
    public void stop(BundleContext context) {
        System.out.println("EdgeBus probe stopped: " + context.getBundle().getSymbolicName());
    }
}
