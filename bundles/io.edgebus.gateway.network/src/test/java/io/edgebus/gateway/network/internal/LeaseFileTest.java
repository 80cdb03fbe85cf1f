package io.edgebus.gateway.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.edgebus.gateway.network.api.DhcpLease;

class LeaseFileTest {

    @Test
    void parsesDnsmasqLeasesAndSkipsGarbage() {
        String text = """
                1767000000 dc:a6:32:01:02:03 192.168.50.11 sales1 01:dc:a6:32:01:02:03
                0 02:00:00:00:00:01 192.168.50.120 * *
                garbage line here
                """;
        assertEquals(List.of(new DhcpLease(1767000000L, "dc:a6:32:01:02:03", "192.168.50.11", "sales1"),
                new DhcpLease(0, "02:00:00:00:00:01", "192.168.50.120", "")), LeaseFile.parse(text));
    }
}
