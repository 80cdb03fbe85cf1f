package io.edgebus.runtime.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Main-Class of the runnable distro jars. The bnd launcher takes framework properties as they are, and Felix
 * resolves a relative felix.cm.dir inside its own storage, which onFirstInit wipes. So before the launcher runs,
 * this turns the run directory layout into absolute system properties (which the launcher lets win over its own).
 * It is loaded by the plain application class loader: JDK classes only.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Throwable {
        RunDirs.apply(launcherProperties(), System.getProperties());
        Class.forName("aQute.launcher.pre.EmbeddedLauncher")
                .getMethod("main", String[].class)
                .invoke(null, (Object) args);
    }

    private static Properties launcherProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Main.class.getClassLoader().getResourceAsStream("launcher.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return properties;
    }
}
