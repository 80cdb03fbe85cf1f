package io.edgebus.localservices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @TempDir
    Path dir;

    @Test
    void generatedPasswordsAreRandomKeptOwnerOnlyAndReused() throws Exception {
        Secrets first = Secrets.loadOrCreate(dir, "a", "b");
        assertNotEquals(first.get("a"), first.get("b"));
        assertTrue(first.get("a").matches("[A-Za-z0-9_-]{32}"), first.get("a"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(Secrets.FILE))));

        Secrets again = Secrets.loadOrCreate(dir, "a", "b", "c");
        assertEquals(first.get("a"), again.get("a"));
        assertEquals(first.get("b"), again.get("b"));
        assertEquals(32, again.get("c").length(), "a key added later gets its own value");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(Secrets.FILE))));
    }
}
