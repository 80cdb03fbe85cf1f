package io.edgebus.runtime.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void hashHasTheFormTheConsoleUsesForItsOwnDefault() {
        // The web console's built-in default is exactly this hash of "admin".
        assertEquals("{sha-256}jGl25bVBBBW96Qi9Te4V37Fnqchz/Eu4qB9vKrRIqRg=", Passwords.consoleHash("admin"));
    }

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        SecureRandom random = new SecureRandom();
        String first = Passwords.generate(random);
        assertTrue(first.length() >= 20);
        assertTrue(first.chars().allMatch(Character::isLetterOrDigit));
        assertNotEquals(first, Passwords.generate(random));
    }

    @Test
    void defaultAndBlankAreUnacceptable() {
        assertTrue(Passwords.isUnacceptable("admin"));
        assertTrue(Passwords.isUnacceptable("  "));
        assertTrue(Passwords.isUnacceptable(null));
    }
}
