package io.edgebus.gateway.network.internal;

/** The single jump from a built-in chain (FORWARD, INPUT, POSTROUTING) into one of ours. */
record Hook(String builtin, String chain) {

    /** Inserted first so our policy is seen before rules appended by others later. */
    String insert() {
        return "-I " + builtin + " 1 -j " + chain;
    }

    String delete() {
        return "-D " + builtin + " -j " + chain;
    }

    /** How iptables-save prints this hook. */
    String saved() {
        return "-A " + builtin + " -j " + chain;
    }
}
