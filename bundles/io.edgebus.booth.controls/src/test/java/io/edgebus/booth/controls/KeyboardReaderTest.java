package io.edgebus.booth.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyboardReaderTest {

    @Test
    void handsOnKeysAsTheyArriveAndStopsWithoutLeavingItsThread() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        KeyboardReader reader = new KeyboardReader(new PipedInputStream(typing), received::add, "test-keyboard");
        reader.start();

        typing.write("qQ5".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        StringBuilder keys = new StringBuilder();
        while (keys.length() < 3) {
            String part = received.poll(5, TimeUnit.SECONDS);
            assertTrue(part != null, "keys arrive");
            keys.append(part);
        }
        assertEquals("qQ5", keys.toString());

        reader.stop();
        assertFalse(reader.isAlive());
    }

    @Test
    void endsByItselfAtEndOfInput() throws Exception {
        // available() says 1 but read returns -1: the end of a stream that was closed on the other side.
        InputStream atEnd = new InputStream() {
            @Override
            public int available() {
                return 1;
            }

            @Override
            public int read() {
                return -1;
            }
        };
        KeyboardReader reader = new KeyboardReader(atEnd, k -> { }, "test-keyboard-eof");
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reader.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(reader.isAlive());
    }
}
