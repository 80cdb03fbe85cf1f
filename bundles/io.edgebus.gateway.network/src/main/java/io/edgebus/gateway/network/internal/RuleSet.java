package io.edgebus.gateway.network.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything this bundle owns in iptables: chains named EDGEBUS-*, their rules and one hook per
 * chain. Rendered as an iptables-restore --noflush script, which is also the persisted format.
 */
record RuleSet(List<Table> tables) {

    static final String PREFIX = "EDGEBUS-";

    RuleSet {
        tables = List.copyOf(tables);
    }

    /** The script for a host where none of our hooks exist yet (boot, first apply). */
    String render() {
        return script(new RuleSet(List.of()));
    }

    /**
     * The script that makes the kernel hold exactly this rule set, given what of ours is there now:
     * declaring a chain with --noflush flushes it, present hooks are deleted before being inserted
     * again (so there is only ever one), and chains no longer wanted are removed.
     */
    String script(RuleSet current) {
        StringBuilder out = new StringBuilder("# EdgeBus gateway network rules: apply with iptables-restore --noflush\n");
        for (String name : tableNames(current)) {
            Table want = table(name);
            Table have = current.table(name);
            out.append('*').append(name).append('\n');
            List<String> chains = new ArrayList<>(want.chains());
            have.chains().stream().filter(c -> !chains.contains(c)).forEach(chains::add);
            chains.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
            have.hooks().forEach(h -> out.append(h.delete()).append('\n'));
            have.chains().stream().filter(c -> !want.chains().contains(c)).forEach(c -> out.append("-X ").append(c).append('\n'));
            want.rules().forEach(r -> out.append(r.render()).append('\n'));
            want.hooks().forEach(h -> out.append(h.insert()).append('\n'));
            out.append("COMMIT\n");
        }
        return out.toString();
    }

    private List<String> tableNames(RuleSet current) {
        List<String> names = new ArrayList<>();
        tables.stream().filter(t -> !t.isEmpty()).forEach(t -> names.add(t.name()));
        current.tables.stream().filter(t -> !t.isEmpty() && !names.contains(t.name())).forEach(t -> names.add(t.name()));
        return names;
    }

    Table table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElse(new Table(name, List.of(), List.of(), List.of()));
    }

    /** Test hook and extension point: the same rule set with one more rule appended. */
    RuleSet plus(String tableName, Rule rule) {
        List<Table> out = new ArrayList<>();
        tables.forEach(t -> out.add(t.name().equals(tableName) ? t.plus(rule) : t));
        return new RuleSet(out);
    }

    boolean sameAs(RuleSet other) {
        List<String> names = tableNames(other);
        return names.stream().allMatch(n -> Objects.equals(table(n).comparable(), other.table(n).comparable()));
    }

    String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(render().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Our part of iptables-save output, or of a persisted script: EDGEBUS-* chain declarations, the
     * rules in them and jumps into them. Every other line is someone else's and is ignored.
     */
    static RuleSet parse(String text) {
        Map<String, Table> tables = new LinkedHashMap<>();
        String table = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("*")) {
                table = line.substring(1);
                tables.put(table, new Table(table, List.of(), List.of(), List.of()));
                continue;
            }
            if (table == null) {
                continue;
            }
            Table t = tables.get(table);
            String[] w = line.split(" ");
            if (line.startsWith(":" + PREFIX)) {
                t = new Table(table, append(t.chains(), w[0].substring(1)), t.rules(), t.hooks());
            } else if (w.length > 2 && w[0].equals("-A") && w[1].startsWith(PREFIX)) {
                t = new Table(table, t.chains(), append(t.rules(), new Rule(w[1], List.of(Arrays.copyOfRange(w, 2, w.length)))), t.hooks());
            } else if (isHook(w)) {
                t = new Table(table, t.chains(), t.rules(), append(t.hooks(), new Hook(w[1], w[w.length - 1])));
            }
            tables.put(table, t);
        }
        return new RuleSet(new ArrayList<>(tables.values()));
    }

    // "-A FORWARD -j EDGEBUS-FWD" as saved, or "-I FORWARD 1 -j EDGEBUS-FWD" as we persist it.
    private static boolean isHook(String[] w) {
        boolean saved = w.length == 4 && w[0].equals("-A") && w[2].equals("-j");
        boolean persisted = w.length == 5 && w[0].equals("-I") && w[2].equals("1") && w[3].equals("-j");
        return (saved || persisted) && w[w.length - 1].startsWith(PREFIX) && !w[1].startsWith(PREFIX);
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }
}
