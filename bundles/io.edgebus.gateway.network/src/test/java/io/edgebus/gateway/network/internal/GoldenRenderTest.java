package io.edgebus.gateway.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rendered rules and dnsmasq config per configuration, compared with src/test/resources/golden.
 * Run with -Dgolden.update=true to rewrite the files after an intended change, then review the diff.
 */
class GoldenRenderTest {

    private static final Map<String, Consumer<TestConfig>> CONFIGS = Map.of(
            "minimal", c -> {
                c.ports = new int[0];
                c.dns = new String[0];
            },
            "sales-lan", c -> {
                c.lanAddress = "192.168.50.1/24";
                c.rangeStart = "192.168.50.100";
                c.rangeEnd = "192.168.50.199";
                c.lease = 43200;
                c.staticLeases = new String[] {"DC:A6:32:01:02:03,192.168.50.11,sales1",
                    "dc:a6:32:01:02:04,192.168.50.12,sales2", "dc:a6:32:01:02:05,192.168.50.13"};
                c.dns = new String[] {"1.1.1.1", "9.9.9.9"};
                c.ports = new int[] {22, 1883, 8080};
            },
            "wide-subnet", c -> {
                c.uplink = "wwan0";
                c.lan = "br-lan.10";
                c.lanAddress = "172.20.3.254/22";
                c.rangeStart = "172.20.0.10";
                c.rangeEnd = "172.20.2.255";
                c.persistenceDir = "/srv/edgebus/net";
            });

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "sales-lan", "wide-subnet"})
    void rendersAsGolden(String name) throws IOException {
        TestConfig c = new TestConfig();
        CONFIGS.get(name).accept(c);
        Settings s = Settings.from(c);
        check(name + ".rules.v4", FirewallRenderer.render(s).render());
        check(name + ".dnsmasq.conf", DnsmasqRenderer.render(s));
    }

    private static void check(String file, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Path target = Path.of("src/test/resources/golden", file);
            Files.writeString(target, actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream in = GoldenRenderTest.class.getResourceAsStream("/golden/" + file)) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, file);
        }
    }
}
