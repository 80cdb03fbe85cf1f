package io.edgebus.localservices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL runs as its own process tree: if a launcher was killed (SIGKILL, power cut of the JVM
 * only), its postmaster lives on and holds the data directory, and the next start would fail. The
 * caller holds the run directory's lock, so a postmaster still serving this data directory is that
 * orphan: it is asked to stop (SIGINT, PostgreSQL's fast shutdown: running transactions roll back,
 * nothing committed is lost) before the new start.
 */
final class OrphanedPostmaster {
    private OrphanedPostmaster() {
    }

    static void stopIfAny(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).trim().matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).trim());
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(p -> servesThis(p, lines.get(1).trim()));
        if (postmaster.isEmpty()) {
            return; // a stale pid file: PostgreSQL itself handles that
        }
        LocalServices.say("a PostgreSQL left running by an earlier launcher (pid " + pid + ") holds " + data
                + ": stopping it first");
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            postmaster.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the PostgreSQL left running (pid " + pid + ") did not stop; stop it and start again", e);
        }
    }

    /** Its command line names this data directory (the pid file's second line). */
    private static boolean servesThis(ProcessHandle p, String dataDir) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
            return cmdline.contains("postgres") && cmdline.contains(dataDir);
        } catch (IOException e) {
            return false;
        }
    }
}
