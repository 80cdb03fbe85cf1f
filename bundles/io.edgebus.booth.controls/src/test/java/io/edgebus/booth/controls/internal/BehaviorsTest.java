package io.edgebus.booth.controls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.Headers;
import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.pipeline.DispatchContext;
import io.edgebus.api.pipeline.InvokeContext;
import io.edgebus.api.pipeline.ReceiveContext;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.booth.contracts.OrderLabel;
import io.edgebus.booth.controls.ControlProfile;
import io.edgebus.booth.controls.ControlValues;
import io.edgebus.booth.controls.ManualMode;
import io.edgebus.booth.controls.SimulatedDatabaseException;
import io.edgebus.booth.controls.SimulatedStageFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BehaviorsTest {
    private static final String ORDER_ID = "0b7c1f0e-8a2d-4c61-9a57-3f5b2c9d1e42";

    private static ReceiveContext incoming(boolean manual) {
        Map<String, String> headers = new HashMap<>();
        headers.put(Headers.ENCLOSED_MESSAGE_TYPES, "io.edgebus.booth.contracts.PlaceOrder");
        if (manual) {
            headers.put(ManualMode.HEADER, ManualMode.VALUE);
        }
        byte[] body = ("{\"orderId\" : \"" + ORDER_ID + "\",\"campaign\":\"Website\"}").getBytes(StandardCharsets.UTF_8);
        IncomingMessage message = new IncomingMessage("native-1", headers, body, false);
        Map<String, Object> attributes = new HashMap<>();
        return new ReceiveContext() {
            public String endpointName() {
                return "Sales";
            }

            public IncomingMessage message() {
                return message;
            }

            public String messageId() {
                return "m-1";
            }

            public Map<String, Object> attributes() {
                return attributes;
            }
        };
    }

    private static DispatchContext dispatching(List<OutgoingMessage> messages, Optional<ReceiveContext> incoming) {
        return new DispatchContext() {
            public String endpointName() {
                return "Sales";
            }

            public List<OutgoingMessage> messages() {
                return messages;
            }

            public Optional<ReceiveContext> incoming() {
                return incoming;
            }
        };
    }

    private static OutgoingMessage outgoing(String id) {
        return new OutgoingMessage(id, Map.of(Headers.MESSAGE_ID, id), new byte[] {1}, new Destination.Queue("Billing"), null);
    }

    private static InvokeContext invoking(ReceiveContext receive) {
        return new InvokeContext() {
            public ReceiveContext receive() {
                return receive;
            }

            public Object message() {
                return null;
            }

            public MessageHandler<?> handler() {
                return null;
            }

            public MessageContext context() {
                return null;
            }
        };
    }

    private static ControlStateService state(String keys) {
        ControlStateService state = new ControlStateService(ControlProfile.SALES, ControlValues.initial(), a -> null);
        state.apply(keys);
        return state;
    }

    @Test
    void databaseDownFailsEveryHandlerAndTheRateFailsAboutThatShare() {
        FailureInjection down = new FailureInjection(state("I1"), new Random(1));
        SimulatedDatabaseException e = assertThrows(SimulatedDatabaseException.class, () -> down.invoke(null, () -> { }));
        assertEquals("database is down (simulated, toggle i)", e.getMessage());

        FailureInjection none = new FailureInjection(state(""), new Random(1));
        for (int i = 0; i < 1000; i++) {
            none.check(ControlValues.initial());
        }
        FailureInjection some = new FailureInjection(state("W3"), new Random(1));
        int failed = 0;
        for (int i = 0; i < 10_000; i++) {
            try {
                some.check(state("W3").current());
            } catch (SimulatedDatabaseException expected) {
                failed++;
            }
        }
        assertTrue(Math.abs(failed - 3000) < 200, "30 %: " + failed);
    }

    @Test
    void slowProcessingSleepsPerLevelBeforeTheHandler() throws Exception {
        List<Long> slept = new ArrayList<>();
        boolean[] handled = {false};
        new SlowProcessing(state("Q4"), slept::add).invoke(null, () -> handled[0] = true);
        assertEquals(List.of(500L), slept);
        assertTrue(handled[0]);
        assertEquals(100L, SlowProcessing.millis(0));
        assertEquals(1000L, SlowProcessing.millis(9));
    }

    @Test
    void manualModeIsCopiedToEveryOutgoingMessageOfAManualMessageOnly() throws Exception {
        List<OutgoingMessage> messages = new ArrayList<>(List.of(outgoing("a"), outgoing("b")));
        new ManualModePropagation().invoke(dispatching(messages, Optional.of(incoming(true))), () -> { });
        for (OutgoingMessage m : messages) {
            assertEquals("True", m.headers().get(ManualMode.HEADER));
            assertEquals(m.messageId(), m.headers().get(Headers.MESSAGE_ID), "other headers kept");
            assertEquals("Billing", ((Destination.Queue) m.destination()).name());
        }

        List<OutgoingMessage> plain = new ArrayList<>(List.of(outgoing("c")));
        OutgoingMessage original = plain.get(0);
        new ManualModePropagation().invoke(dispatching(plain, Optional.of(incoming(false))), () -> { });
        new ManualModePropagation().invoke(dispatching(plain, Optional.empty()), () -> { });
        assertSame(original, plain.get(0));
    }

    @Test
    void labelIsTheOrdersFourLettersAndTheMessageType() {
        ReceiveContext in = incoming(false);
        assertEquals(OrderLabel.of(ORDER_ID) + " PlaceOrder", Labels.of(in.message().headers(), in.message().body()));
        assertEquals("ControlCommand", Labels.of(Map.of(Headers.ENCLOSED_MESSAGE_TYPES,
                "io.edgebus.booth.controls.ControlCommand, io.edgebus.api.Event"), "{\"keys\":\"q\"}".getBytes()));
    }

    @Test
    void progressShowsTheOutcomeAndXFailsTheAnimatingStage() throws Exception {
        ProgressBoard board = new ProgressBoard(5);
        ProgressStages fast = new ProgressStages(board, new StageAnimator(board, 300, ms -> { }));
        ReceiveContext manual = incoming(true);
        fast.receive().invoke(manual, () -> {
            fast.invoke().invoke(invoking(manual), () -> { });
        });
        assertEquals(Stage.DONE, board.lines().get(0).stage());

        ProgressStages pressX = new ProgressStages(board, new StageAnimator(board, 300, ms -> board.failAnimatingStage()));
        assertThrows(SimulatedStageFailure.class, () -> pressX.receive().invoke(manual,
                () -> pressX.dispatch().invoke(dispatching(new ArrayList<>(), Optional.of(manual)), () -> { })));
        ProgressBoard.Line line = board.lines().get(0);
        assertEquals(Stage.FAILED, line.stage());
        assertEquals("SimulatedStageFailure: intermittent failure while dispatching (x pressed)", line.detail());
    }

    @Test
    void xWithNothingAnimatingLeavesANote() {
        ProgressBoard board = new ProgressBoard(5);
        ControlStateService state = new ControlStateService(ControlProfile.SALES, ControlValues.initial(),
                a -> board.failAnimatingStage().map(s -> "x: failing " + s).orElse("x ignored: nothing animates"));
        state.apply("x?q");
        assertEquals(List.of("unknown key '?' ignored", "x ignored: nothing animates"), state.notes());
        assertEquals(1, state.current().processingTimeLevel());
    }
}
