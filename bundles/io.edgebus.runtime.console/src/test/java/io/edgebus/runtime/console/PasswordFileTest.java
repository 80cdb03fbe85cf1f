package io.edgebus.runtime.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void createsAnOwnerOnlyFileAndReusesIt() throws Exception {
        Path file = dir.resolve("run/sales/console-password");
        String first = PasswordFile.readOrCreate(file, random);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first, PasswordFile.readOrCreate(file, random));
    }

    @Test
    void narrowsAWideModeAndKeepsAHandWrittenPassword() throws Exception {
        Path file = dir.resolve("console-password");
        Files.writeString(file, "chosen-by-the-operator-123\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("chosen-by-the-operator-123", PasswordFile.readOrCreate(file, random));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void replacesTheDefaultPassword() throws Exception {
        Path file = dir.resolve("console-password");
        Files.writeString(file, "admin\n");
        assertNotEquals("admin", PasswordFile.readOrCreate(file, random));
    }
}
