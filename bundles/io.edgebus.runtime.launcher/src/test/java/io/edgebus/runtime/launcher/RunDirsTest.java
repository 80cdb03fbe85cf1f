package io.edgebus.runtime.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirsTest {

    @TempDir
    Path dir;

    @Test
    void everythingFollowsTheRunDir() {
        Properties launcher = new Properties();
        launcher.setProperty("edgebus.run.dir", "run/sales");
        Properties system = new Properties();
        system.setProperty("edgebus.run.dir", dir.resolve("state").toString());
        system.setProperty("edgebus.deploy.dir", dir.resolve("drop").toString());

        RunDirs.apply(launcher, system);

        assertEquals(dir.resolve("state/framework").toString(), system.getProperty("org.osgi.framework.storage"));
        assertEquals(dir.resolve("state/framework").toString(), system.getProperty("launch.storage.dir"));
        assertEquals(dir.resolve("state/config").toString(), system.getProperty("felix.cm.dir"));
        assertEquals("true", system.getProperty("launch.keep"));
        assertTrue(Files.isDirectory(dir.resolve("drop")));
    }

    @Test
    void defaultsComeFromTheLauncherPropertiesAndBecomeAbsolute() {
        Properties launcher = new Properties();
        launcher.setProperty("edgebus.run.dir", "run/sales");
        launcher.setProperty("edgebus.deploy.dir", dir.resolve("deploy").toString());
        Properties system = new Properties();

        RunDirs.apply(launcher, system);

        Path expected = Path.of("run/sales").toAbsolutePath();
        assertEquals(expected.toString(), system.getProperty("edgebus.run.dir"));
        assertEquals(expected.resolve("config").toString(), system.getProperty("felix.cm.dir"));
    }

    @Test
    void anExplicitPathIsKept() {
        Properties system = new Properties();
        system.setProperty("edgebus.deploy.dir", dir.resolve("deploy").toString());
        system.setProperty("felix.cm.dir", dir.resolve("cm").toString());

        RunDirs.apply(new Properties(), system);

        assertEquals(dir.resolve("cm").toString(), system.getProperty("felix.cm.dir"));
    }
}
