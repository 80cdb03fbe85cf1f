package io.edgebus.gateway.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Rollback logic against a fake iptables that keeps "our" state as the last restored script. */
class IptablesApplierTest {

    private final List<String> scripts = new ArrayList<>();
    private String state = "*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -j FOREIGN\nCOMMIT\n";
    private boolean failSysctl;

    private final CommandRunner fake = (argv, stdin) -> {
        switch (argv.get(0)) {
            case "iptables-save":
                return new CommandRunner.Result(0, state, "");
            case "iptables-restore":
                scripts.add(stdin);
                // Good enough for this fake: the parsed script is what the kernel now holds.
                RuleSet applied = RuleSet.parse(stdin);
                state = "*filter\n-A FORWARD -j FOREIGN\nCOMMIT\n" + applied.render().replace("-I FORWARD 1 -j", "-A FORWARD -j")
                        .replace("-I INPUT 1 -j", "-A INPUT -j").replace("-I POSTROUTING 1 -j", "-A POSTROUTING -j");
                return new CommandRunner.Result(0, "", "");
            default:
                return new CommandRunner.Result(failSysctl ? 1 : 0, "", failSysctl ? "sysctl: permission denied" : "");
        }
    };

    @Test
    void failureAfterRestoreRestoresPreviousChains() {
        IptablesApplier applier = new IptablesApplier(fake);
        RuleSet want = FirewallRenderer.render(Settings.from(new TestConfig()));
        failSysctl = true;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> applier.apply(want, () -> {
                    CommandRunner.Result r = fake.run(List.of("sysctl"), "");
                    if (!r.ok()) {
                        throw new IllegalStateException(r.stderr());
                    }
                }));
        assertTrue(e.getMessage().contains("permission denied"));
        assertEquals(2, scripts.size());
        assertTrue(scripts.get(1).contains("-X EDGEBUS-FWD"), scripts.get(1));
        assertTrue(scripts.get(1).contains("-D FORWARD -j EDGEBUS-FWD"), scripts.get(1));
        assertTrue(!scripts.get(1).contains("FOREIGN"), scripts.get(1));
    }
}
