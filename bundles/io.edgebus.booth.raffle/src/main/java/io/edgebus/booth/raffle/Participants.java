package io.edgebus.booth.raffle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The names a winner is drawn from: the configured list plus the lines of the configured file. */
final class Participants {
    private Participants() {
    }

    static List<String> load(String[] names, String file) {
        Set<String> all = new LinkedHashSet<>();
        for (String n : names == null ? new String[0] : names) {
            if (n != null && !n.isBlank()) {
                all.add(n.trim());
            }
        }
        if (file != null && !file.isBlank()) {
            try {
                for (String line : Files.readAllLines(Path.of(file.trim()), StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        all.add(line.trim());
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("participantsFile: cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("participants: give at least one name (or a participantsFile)");
        }
        return List.copyOf(new ArrayList<>(all));
    }
}
