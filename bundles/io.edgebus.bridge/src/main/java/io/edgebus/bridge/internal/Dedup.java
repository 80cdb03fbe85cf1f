package io.edgebus.bridge.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message ids one direction forwarded lately, keyed by target endpoint and message id: an event
 * goes to several endpoints under one id, and each must get it once. Bounded by a time window and a
 * capacity, oldest first. With a file, each id is appended (written, not fsynced: it must survive the
 * process being killed, and a machine crash loses at most what the receiver's own inbox then
 * deduplicates) before the source message is settled, and loaded again on start.
 */
final class Dedup implements AutoCloseable {
    private final Duration window;
    private final int capacity;
    private final Clock clock;
    private final Path file;
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>(); // guarded by this
    private final java.util.Set<String> inFlight = new java.util.HashSet<>(); // guarded by this
    private BufferedWriter log; // guarded by this
    private int logged; // guarded by this

    Dedup(Duration window, int capacity, Path file, Clock clock) {
        this.window = window;
        this.capacity = capacity;
        this.file = file;
        this.clock = clock;
        if (file != null) {
            load();
        }
    }

    /** Whether this endpoint already got this id within the window. */
    synchronized boolean seen(String endpoint, String messageId) {
        expire();
        return seen.containsKey(key(endpoint, messageId));
    }

    /**
     * Takes the id for a forward: false when the endpoint got it already or a copy of it is on its
     * way now (an outbox re-dispatch can arrive while the first copy waits for its confirmation).
     * Followed by {@link #record} when the target confirmed, or {@link #release} when it did not.
     */
    synchronized boolean claim(String endpoint, String messageId) {
        return !seen(endpoint, messageId) && inFlight.add(key(endpoint, messageId));
    }

    synchronized void release(String endpoint, String messageId) {
        inFlight.remove(key(endpoint, messageId));
    }

    /** Notes that the endpoint got the id (the target confirmed it). */
    synchronized void record(String endpoint, String messageId) {
        long now = clock.millis();
        inFlight.remove(key(endpoint, messageId));
        seen.put(key(endpoint, messageId), now);
        expire();
        if (log != null) {
            try {
                log.write(now + " " + key(endpoint, messageId) + "\n");
                log.flush();
                if (++logged > 2 * capacity) {
                    compact();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + file, e);
            }
        }
    }

    synchronized int size() {
        return seen.size();
    }

    @Override
    public synchronized void close() {
        if (log != null) {
            try {
                log.close();
            } catch (IOException ignored) {
                // nothing buffered: every record was flushed
            }
            log = null;
        }
    }

    private static String key(String endpoint, String messageId) {
        return endpoint + " " + messageId;
    }

    private void expire() {
        long oldest = clock.millis() - window.toMillis();
        Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() >= oldest && seen.size() <= capacity) {
                break;
            }
            it.remove();
        }
    }

    private void load() {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines) {
                    int space = line.indexOf(' ');
                    if (space > 0 && line.indexOf(' ', space + 1) > 0) { // a torn last line is skipped
                        try {
                            seen.put(line.substring(space + 1), Long.parseLong(line.substring(0, space)));
                        } catch (NumberFormatException torn) {
                            // skip it
                        }
                    }
                }
                expire();
            }
            compact();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the deduplication file " + file, e);
        }
    }

    /** Rewrites the file with what is remembered now, so it does not grow without bound. */
    private void compact() throws IOException {
        if (log != null) {
            log.close();
        }
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try (BufferedWriter out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Long> e : seen.entrySet()) {
                out.write(e.getValue() + " " + e.getKey() + "\n");
            }
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        logged = seen.size();
    }
}
