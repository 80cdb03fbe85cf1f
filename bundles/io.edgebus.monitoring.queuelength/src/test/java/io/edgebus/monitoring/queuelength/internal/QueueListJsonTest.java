package io.edgebus.monitoring.queuelength.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QueueListJsonTest {
    private final QueueListJson json = new QueueListJson(new ObjectMapper());

    @Test
    void theColumnsAnswerGivesEachQueuesCountsAndMinusOneForStatisticsNotCollectedYet() throws IOException {
        List<QueueCounts> queues = json.parse(resource("queues-columns.json"));
        assertEquals(List.of(new QueueCounts("Sales", 37, 37, 0, 0), new QueueCounts("ClientUI", 5, 3, 2, 2),
                new QueueCounts("Fresh", -1, -1, -1, -1)), queues);
    }

    @Test
    void theFullAnswerIsReadTooIgnoringEveryOtherField() throws IOException {
        assertEquals(List.of(new QueueCounts("Sales", 3, 3, 0, 0)), json.parse(resource("queues-full.json")));
    }

    @Test
    void anEmptyVirtualHostHasNoQueues() {
        assertEquals(List.of(), json.parse(bytes("[]")));
    }

    @Test
    void anAnswerThatIsNotAQueueListIsRefusedSayingWhy() {
        assertTrue(refusal("<html>proxy error</html>").startsWith("not JSON"));
        assertEquals("expected a JSON array of queues, got object", refusal("{\"error\":\"x\"}"));
        assertTrue(refusal("[{\"messages\":3}]").startsWith("a queue without a name"));
        assertEquals("queue Sales: messages is not a count: \"many\"",
                refusal("[{\"name\":\"Sales\",\"messages\":\"many\"}]"));
        assertEquals("queue Sales: consumers is not a count: -2", refusal("[{\"name\":\"Sales\",\"consumers\":-2}]"));
    }

    @Test
    void namedQueuesComeFirstInTheirOrderThenPatternMatchesByNameAndAbsentOnesAreMissing() {
        List<QueueCounts> all = List.of(q("Billing"), q("Sales"), q("error"), q("ClientUI"), q("Shipping"));
        QueueSelection selection = new QueueSelection(List.of("Sales", "ClientUI", "Raffle"), Pattern.compile("S.*|B.*"));
        QueueSelection.Selected selected = selection.select(all);
        assertEquals(List.of("Sales", "ClientUI", "Billing", "Shipping"),
                selected.queues().stream().map(QueueCounts::name).toList());
        assertEquals(List.of("Raffle"), selected.missing());
    }

    @Test
    void aPatternMatchesWholeNamesOnly() {
        QueueSelection selection = new QueueSelection(List.of(), Pattern.compile("Sales"));
        assertEquals(List.of("Sales"), selection.select(List.of(q("Sales"), q("Sales.Retries"), q("OldSales")))
                .queues().stream().map(QueueCounts::name).toList());
    }

    private String refusal(String answer) {
        return assertThrows(IllegalArgumentException.class, () -> json.parse(bytes(answer))).getMessage();
    }

    private static QueueCounts q(String name) {
        return new QueueCounts(name, 1, 1, 0, 0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = QueueListJsonTest.class.getResourceAsStream("/management-api/" + name)) {
            return in.readAllBytes();
        }
    }
}
