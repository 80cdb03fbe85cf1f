package io.edgebus.gateway.network.internal;

import java.util.List;

/**
 * The only way this bundle touches the system. Arguments are an argv array, never a shell line,
 * so configuration text cannot become a command; tests substitute a fake or a namespace prefix.
 */
public interface CommandRunner {

    /** Runs argv with stdin (may be empty) and returns its exit code and output; never throws for exit != 0. */
    Result run(List<String> argv, String stdin);

    record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }
}
