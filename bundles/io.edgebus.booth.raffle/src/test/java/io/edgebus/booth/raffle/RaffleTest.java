package io.edgebus.booth.raffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.MessageContext;
import io.edgebus.api.PublishOptions;
import io.edgebus.api.SendOptions;
import io.edgebus.booth.contracts.RaffleOrderCompleted;
import io.edgebus.booth.contracts.RaffleWinnerSelected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaffleTest {
    private final List<Object> sentLocal = new ArrayList<>();

    private final MessageContext context = new MessageContext() {
        @Override
        public String messageId() {
            return "m";
        }

        @Override
        public Map<String, String> headers() {
            return Map.of();
        }

        @Override
        public void reply(Object message, SendOptions options) {
            throw new AssertionError();
        }

        @Override
        public String endpointName() {
            return "Raffle";
        }

        @Override
        public void send(Object message, SendOptions options) {
            assertTrue(options.routeToThisEndpoint(), "the winner is sent to Raffle itself");
            sentLocal.add(message);
        }

        @Override
        public void publish(Object event, PublishOptions options) {
            throw new AssertionError();
        }
    };

    @Test
    void theWinnerIsDrawnFromTheListAndFileAndSentToItself(@TempDir Path dir) throws Exception {
        Path leads = dir.resolve("leads.txt");
        Files.writeString(leads, "# scanned leads\nAda Lovelace\n\nGrace Hopper\n");
        List<String> names = Participants.load(new String[] {"Linus", " "}, leads.toString());
        assertEquals(List.of("Linus", "Ada Lovelace", "Grace Hopper"), names);

        PickWinner pick = new PickWinner(new Random(7));
        pick.participants(names);
        for (int i = 0; i < 20; i++) {
            pick.handle(new RaffleOrderCompleted("o-" + i), context);
        }
        assertEquals(20, sentLocal.size());
        sentLocal.forEach(m -> assertTrue(names.contains(((RaffleWinnerSelected) m).winner())));
        assertTrue(sentLocal.stream().map(m -> ((RaffleWinnerSelected) m).winner()).distinct().count() > 1,
                "the draw is random");
    }

    @Test
    void noParticipantsOrAnUnreadableFileIsRefusedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Participants.load(new String[0], ""))
                .getMessage().startsWith("participants:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Participants.load(new String[] {"a"}, "/no/such/file")).getMessage().startsWith("participantsFile:"));
    }

    @Test
    void failModeThrowsSoTheWinnerLandsInTheErrorQueueAndAuditModeSucceeds() {
        RevealWinner reveal = new RevealWinner();
        RaffleWinnerSelected won = new RaffleWinnerSelected("o-9", "Ada Lovelace");
        reveal.failToReveal(RevealWinner.mode("fail"));
        RaffleRevealException e = assertThrows(RaffleRevealException.class, () -> reveal.handle(won, context));
        assertTrue(e.getMessage().contains("o-9"));
        reveal.failToReveal(RevealWinner.mode("audit"));
        reveal.handle(won, context);
        assertThrows(IllegalArgumentException.class, () -> RevealWinner.mode("loud"));
    }
}
