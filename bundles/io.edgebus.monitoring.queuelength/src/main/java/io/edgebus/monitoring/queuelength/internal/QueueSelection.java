package io.edgebus.monitoring.queuelength.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which of a virtual host's queues are reported: the named ones (in the configured order), then
 * those whose whole name matches the pattern, by name. A named queue the broker does not have is
 * listed as missing.
 */
record QueueSelection(List<String> names, Pattern pattern) {

    record Selected(List<QueueCounts> queues, List<String> missing) {
    }

    QueueSelection {
        names = List.copyOf(names);
    }

    Selected select(List<QueueCounts> all) {
        Map<String, QueueCounts> byName = new LinkedHashMap<>();
        all.forEach(q -> byName.put(q.name(), q));
        List<QueueCounts> queues = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            QueueCounts q = byName.get(name);
            if (q == null) {
                missing.add(name);
            } else {
                queues.add(q);
            }
        }
        if (pattern != null) {
            all.stream().filter(q -> !names.contains(q.name()) && pattern.matcher(q.name()).matches())
                    .sorted(Comparator.comparing(QueueCounts::name)).forEach(queues::add);
        }
        return new Selected(List.copyOf(queues), List.copyOf(missing));
    }
}
