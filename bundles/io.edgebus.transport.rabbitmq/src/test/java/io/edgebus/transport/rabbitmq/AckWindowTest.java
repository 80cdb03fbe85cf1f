package io.edgebus.transport.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AckWindowTest {
    private final AckWindow window = new AckWindow();

    private void deliver(long... tags) {
        for (long tag : tags) {
            window.delivered(tag);
        }
    }

    @Test
    void aMultipleAckCoversTheLeadingRunOfProcessedTags() {
        deliver(1, 2, 3, 4);
        window.ackLater(1);
        window.ackLater(2);
        window.ackLater(4);
        assertEquals(3, window.pendingAcks());
        assertEquals(2, window.takeMultipleAck());
        assertEquals(1, window.pendingAcks(), "4 waits behind the unsettled 3");
        assertEquals(-1, window.takeMultipleAck());
        window.ackLater(3);
        assertTrue(window.nothingUnsettled());
        assertEquals(4, window.takeMultipleAck());
        assertEquals(0, window.pendingAcks());
    }

    @Test
    void anUnsettledTagThatWillBeNackedBlocksEveryMultipleAckAboveIt() {
        deliver(1, 2, 3);
        window.ackLater(1);
        window.ackLater(3);
        // 2 is still processing and will fail: no multiple ack may reach it until its nack is out.
        assertEquals(1, window.takeMultipleAck());
        assertEquals(-1, window.takeMultipleAck());
        window.forget(2); // the nack was written
        assertEquals(3, window.takeMultipleAck());
    }

    @Test
    void aTagDeliveredLaterIsNeverCoveredBeforeItSettles() {
        deliver(1);
        window.ackLater(1);
        deliver(2);
        assertEquals(1, window.takeMultipleAck());
        assertFalse(window.nothingUnsettled());
        assertEquals(-1, window.takeMultipleAck());
    }

    @Test
    void stragglersBehindASlowTagAreTakenOneByOne() {
        deliver(1, 2, 3, 4, 5);
        window.ackLater(2);
        window.ackLater(4);
        window.ackLater(5);
        assertEquals(-1, window.takeMultipleAck());
        assertEquals(List.of(2L, 4L, 5L), window.takeSingleAcks());
        assertEquals(0, window.pendingAcks());
        window.ackLater(1);
        assertEquals(1, window.takeMultipleAck());
        assertFalse(window.nothingUnsettled(), "3 still processes");
    }

    @Test
    void forgettingAProcessedTagDropsItsPendingAck() {
        deliver(1, 2);
        window.ackLater(1);
        window.forget(1);
        window.ackLater(1); // a late result for a forgotten tag changes nothing
        assertEquals(0, window.pendingAcks());
        assertEquals(-1, window.takeMultipleAck());
    }
}
