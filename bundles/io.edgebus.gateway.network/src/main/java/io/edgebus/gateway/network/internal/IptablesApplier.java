package io.edgebus.gateway.network.internal;

import java.util.List;

/**
 * Applies a rule set as one iptables-restore --noflush transaction touching only our chains,
 * reads it back with iptables-save, and on any failure puts our previous chains back.
 */
final class IptablesApplier {

    private final CommandRunner runner;

    IptablesApplier(CommandRunner runner) {
        this.runner = runner;
    }

    RuleSet current() {
        CommandRunner.Result r = runner.run(List.of("iptables-save"), "");
        if (!r.ok()) {
            throw new IllegalStateException("iptables-save failed: " + r.stderr().strip());
        }
        return RuleSet.parse(r.stdout());
    }

    /** Applies want; afterStep runs once the rules verify (e.g. forwarding on) and rolls back with them. */
    void apply(RuleSet want, Runnable afterStep) {
        RuleSet before = current();
        try {
            restore(want.script(before));
            RuleSet after = current();
            if (!want.sameAs(after)) {
                throw new IllegalStateException("rules read back differ from the rules applied:\n" + after.render());
            }
            afterStep.run();
        } catch (RuntimeException e) {
            rollback(before, e);
            throw e;
        }
    }

    private void rollback(RuleSet before, RuntimeException cause) {
        try {
            restore(before.script(current()));
            if (!before.sameAs(current())) {
                cause.addSuppressed(new IllegalStateException("rollback did not restore the previous rules"));
            }
        } catch (RuntimeException r) {
            cause.addSuppressed(r);
        }
    }

    private void restore(String script) {
        CommandRunner.Result r = runner.run(List.of("iptables-restore", "--noflush"), script);
        if (!r.ok()) {
            throw new IllegalStateException("iptables-restore failed: " + r.stderr().strip());
        }
    }
}
