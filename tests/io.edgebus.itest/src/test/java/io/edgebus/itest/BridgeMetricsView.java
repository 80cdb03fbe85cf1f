package io.edgebus.itest;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.ServiceReference;

/** The bridge's BridgeMetrics service of a framework, read by reflection into plain records. */
final class BridgeMetricsView {

    record Direction(String from, String to, long forwarded, long errors, long tooLarge, long dedupHits, long retries,
                     long lastLagMillis, long maxLagMillis, long backlog, String sourceLink, String targetLink,
                     long linkDowns) {
    }

    private BridgeMetricsView() {
    }

    static List<Direction> read(TestFramework fw) {
        try {
            ServiceReference<?> ref = fw.awaitService("io.edgebus.bridge.BridgeMetrics", null);
            List<Direction> directions = new ArrayList<>();
            for (Object d : (List<?>) fw.call(ref, "snapshot")) {
                directions.add(new Direction(s(d, "from"), s(d, "to"), l(d, "forwarded"), l(d, "errors"),
                        l(d, "tooLarge"), l(d, "dedupHits"), l(d, "retries"), l(d, "lastLagMillis"),
                        l(d, "maxLagMillis"), l(d, "backlog"), s(d, "sourceLink"), s(d, "targetLink"), l(d, "linkDowns")));
            }
            return directions;
        } catch (Exception e) {
            throw new IllegalStateException("no bridge metrics: " + e, e);
        }
    }

    private static String s(Object record, String name) throws Exception {
        return String.valueOf(HandledCounter.call(record, name));
    }

    private static long l(Object record, String name) throws Exception {
        return ((Number) HandledCounter.call(record, name)).longValue();
    }
}
