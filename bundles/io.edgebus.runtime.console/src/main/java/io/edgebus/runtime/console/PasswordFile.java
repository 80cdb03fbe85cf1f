package io.edgebus.runtime.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/** The generated console password, kept in a file only its owner can read. */
final class PasswordFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PasswordFile() {
    }

    /** Returns the password stored in {@code file}, first writing a new random one if there is none. */
    static String readOrCreate(Path file, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            restrict(file);
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!Passwords.isUnacceptable(stored)) {
                return stored;
            }
            Files.delete(file);
        }
        String password = Passwords.generate(random);
        write(file, password);
        return password;
    }

    private static void write(Path file, String password) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // The mode is set when the file is created, so the password is never readable by others, not even briefly.
        try (var out = posix()
                ? Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())
                : Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(StandardCharsets.UTF_8.encode(password + "\n"));
        }
    }

    // A file copied in by hand may carry a wider mode; narrow it rather than trust it.
    private static void restrict(Path file) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}
