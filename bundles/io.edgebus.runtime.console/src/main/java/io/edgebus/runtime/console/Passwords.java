package io.edgebus.runtime.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Generates console passwords and hashes them in the form the Felix Web Console compares against. */
final class Passwords {

    static final int LENGTH = 24;

    // Letters and digits only, without look-alikes (0/O, 1/l/I), so the password survives being read aloud or retyped.
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private Passwords() {
    }

    static String generate(SecureRandom random) {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** The unsalted "{sha-256}" + base64 form that the web console accepts for its password property. */
    static String consoleHash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return "{sha-256}" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A password that must not protect the console: empty, or the well-known default. */
    static boolean isUnacceptable(String password) {
        return password == null || password.isBlank() || password.equals("admin");
    }
}
