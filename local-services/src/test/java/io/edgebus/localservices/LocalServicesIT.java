package io.edgebus.localservices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a process on free ports: what listens takes only the generated passwords, only on
 * 127.0.0.1; the database is durable; SIGTERM stops both; a second start keeps data and passwords;
 * no password ever appears in its output.
 */
class LocalServicesIT {
    private static final Duration START = Duration.ofSeconds(120);
    /** The JVM's exit status after SIGTERM once its shutdown hooks ran (128 + 15). */
    private static final int SIGTERM_EXIT = 143;

    @TempDir
    Path tmp;

    @Test
    void bothServicesTakeOnlyTheGeneratedPasswordsOnLoopbackAndStopOnSigterm() throws Exception {
        Path dir = tmp.resolve("booth");
        String out;
        try (Launcher launcher = new Launcher(dir, "--broker-port", "0", "--postgres-port", "0")) {
            Map<String, String> s = launcher.awaitSettings(START);
            assertEquals("rw-------", perms(dir.resolve(LocalServices.ENV_FILE)));
            assertEquals("rw-------", perms(dir.resolve(Secrets.FILE)));
            String pgUrl = s.get("EDGEBUS_PG_URL");
            String pgPassword = s.get("EDGEBUS_PG_PASSWORD");
            try (var c = DriverManager.getConnection(pgUrl, "postgres", pgPassword)) {
                for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                    assertEquals("on", show(c, setting), setting);
                }
                c.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('from the first start')");
            }
            assertThrows(SQLException.class, () -> DriverManager.getConnection(pgUrl, "postgres", "").close(), "no password");
            assertThrows(SQLException.class, () -> DriverManager.getConnection(pgUrl, "postgres", "postgres").close(),
                    "a default password");

            URI amqp = URI.create(s.get("EDGEBUS_AMQP_URI"));
            assertEquals("127.0.0.1", amqp.getHost());
            try (Connection c = new JmsConnectionFactory(amqp.toString()).createConnection("edgebus", s.get("EDGEBUS_AMQP_PASSWORD"))) {
                c.start();
                try (Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                    var queue = session.createQueue("local-services-it");
                    session.createProducer(queue).send(session.createTextMessage("hello"));
                    assertEquals("hello", session.createConsumer(queue).receive(10_000).getBody(String.class));
                }
            }
            assertThrows(JMSSecurityException.class, () -> new JmsConnectionFactory(amqp.toString())
                    .createConnection("edgebus", "guest").start(), "a wrong password");
            assertThrows(JMSSecurityException.class, () -> new JmsConnectionFactory(amqp.toString())
                    .createConnection().start(), "no user");

            InetAddress external = nonLoopbackAddress();
            if (external != null) { // a machine with only loopback cannot show this
                for (int port : List.of(amqp.getPort(), URI.create(pgUrl.substring(5)).getPort())) {
                    assertFalse(accepts(external, port), port + " must not listen on " + external);
                }
            }

            assertEquals(SIGTERM_EXIT, launcher.terminate(Duration.ofSeconds(60)), launcher.output());
            out = launcher.output();
            assertTrue(out.contains("[local-services] PostgreSQL stopped") && out.contains("[local-services] AMQP 1.0 broker stopped"), out);
            assertFalse(Files.exists(dir.resolve(LocalServices.ENV_FILE)), "the settings go with the services");
            assertThrows(SQLException.class, () -> DriverManager.getConnection(pgUrl, "postgres", pgPassword).close());
            assertNoSecretIn(out, dir);
        }

        // A second start: the same passwords open the same data.
        try (Launcher again = new Launcher(dir, "--broker-port", "0", "--postgres-port", "0")) {
            Map<String, String> s = again.awaitSettings(START);
            try (var c = DriverManager.getConnection(s.get("EDGEBUS_PG_URL"), "postgres", s.get("EDGEBUS_PG_PASSWORD"));
                 ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
                assertTrue(rs.next());
                assertEquals("from the first start", rs.getString(1));
            }
            // A second launcher on the same directory is refused and leaves the running one's files alone.
            try (Launcher second = new Launcher(dir, "--broker-port", "0", "--postgres-port", "0")) {
                assertEquals(1, second.awaitExit(Duration.ofSeconds(60)), second.output());
                assertTrue(second.output().contains("is in use by another local-services process"), second.output());
            }
            assertTrue(Files.exists(dir.resolve(LocalServices.ENV_FILE)));
            assertEquals(SIGTERM_EXIT, again.terminate(Duration.ofSeconds(60)), again.output());
            assertNoSecretIn(again.output(), dir);
        }
    }

    @Test
    void aPostgresLeftRunningByAKilledLauncherIsStoppedAtTheNextStart() throws Exception {
        Path dir = tmp.resolve("killed");
        try (Launcher first = new Launcher(dir, "--broker-port", "off", "--postgres-port", "0")) {
            first.awaitSettings(START);
            first.kill();
        }
        assertTrue(Files.exists(dir.resolve("postgres/data/postmaster.pid")), "the postmaster outlived its launcher");
        Files.delete(dir.resolve(LocalServices.ENV_FILE)); // the killed one's, as ./booth removes it before a start
        try (Launcher next = new Launcher(dir, "--broker-port", "off", "--postgres-port", "0")) {
            Map<String, String> s = next.awaitSettings(START);
            assertTrue(next.output().contains("left running by an earlier launcher"), next.output());
            DriverManager.getConnection(s.get("EDGEBUS_PG_URL"), "postgres", s.get("EDGEBUS_PG_PASSWORD")).close();
            assertEquals(SIGTERM_EXIT, next.terminate(Duration.ofSeconds(60)), next.output());
        }
        assertFalse(Files.exists(dir.resolve("postgres/data/postmaster.pid")), "PostgreSQL stopped with its launcher");
    }

    @Test
    void aTakenPortIsRefusedNamingTheOption() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Launcher launcher = new Launcher(tmp.resolve("taken"), "--broker-port", Integer.toString(taken.getLocalPort()),
                     "--postgres-port", "off")) {
            assertEquals(1, launcher.awaitExit(Duration.ofSeconds(60)), launcher.output());
            assertTrue(launcher.output().contains("is in use (another booth?); choose another with --broker-port"),
                    launcher.output());
        }
    }

    private static void assertNoSecretIn(String output, Path dir) throws IOException {
        Properties secrets = new Properties();
        try (var r = Files.newBufferedReader(dir.resolve(Secrets.FILE))) {
            secrets.load(r);
        }
        assertEquals(2, secrets.size());
        for (String key : secrets.stringPropertyNames()) {
            String secret = secrets.getProperty(key);
            assertTrue(secret.length() >= 32, key);
            assertFalse(output.contains(secret), key + " appears in the launcher's output");
        }
        assertTrue(output.lines().count() >= 5, "the check read real output:\n" + output);
    }

    private static String show(java.sql.Connection c, String setting) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a;
                    }
                }
            }
        }
        return null;
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
