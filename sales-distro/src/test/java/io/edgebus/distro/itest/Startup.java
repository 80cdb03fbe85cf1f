package io.edgebus.distro.itest;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for a runtime's console to accept its password while trying admin/admin all along: the default must not
 * work at any moment, including the first ones after Jetty starts listening.
 *
 * @param httpUpMillis   from process start to the first HTTP answer of any kind
 * @param readyMillis    from process start to the console accepting the password
 * @param defaultTries   how often admin/admin was tried (and refused) on the way
 */
public record Startup(long httpUpMillis, long readyMillis, int defaultTries) {

    public static final String PROBE_PATH = Console.ROOT + "/bundles.json";

    public static Startup await(RuntimeProcess runtime, Console console, Supplier<String> password, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long httpUp = -1;
        int defaultTries = 0;
        while (System.nanoTime() < deadline) {
            int withDefault = console.status(PROBE_PATH, "admin", "admin");
            if (withDefault > 0) {
                defaultTries++;
                if (httpUp < 0) {
                    httpUp = runtime.millisSinceStart();
                }
                if (withDefault == 200) {
                    throw new AssertionError("admin/admin was accepted " + runtime.millisSinceStart() + " ms after start");
                }
                String secret = password.get();
                if (secret != null && console.status(PROBE_PATH, "admin", secret) == 200) {
                    return new Startup(httpUp, runtime.millisSinceStart(), defaultTries);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("console not ready within " + timeout + ":\n" + String.join("\n", runtime.output()));
    }
}
