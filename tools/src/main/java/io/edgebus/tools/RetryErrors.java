package io.edgebus.tools;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends failed messages from the error queue back to the queue they failed in (header
 * {@code NServiceBus.FailedQ}): each is published to that queue's exchange (the conventional
 * topology: a fanout exchange named like the queue) with its id, body and properties, without the
 * failure headers, and acked in the error queue only after the broker confirmed the publish. A
 * crash in between leaves it in the error queue (it may then arrive twice, never not at all).
 * Messages not selected, or whose queue does not exist, stay in the error queue.
 *
 * <p>Usage: {@code RetryErrors [--queue error] (--all | --id <messageId>) [--uri amqp://guest:guest@localhost:5672]}
 * (the URI also from the environment variable {@code EDGEBUS_RABBITMQ_URI}). Exit code 0 when
 * something was moved or --all found nothing, 1 when --id found nothing, 2 on bad arguments, 3 when
 * the broker refused (no such queue, login).
 */
public final class RetryErrors {
    private final String uri;
    private final String errorQueue;
    private final String onlyId;
    private final PrintStream out;

    RetryErrors(String uri, String errorQueue, String onlyId, PrintStream out) {
        this.uri = uri;
        this.errorQueue = errorQueue;
        this.onlyId = onlyId;
        this.out = out;
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = run(args, System.out, System.getenv("EDGEBUS_RABBITMQ_URI"));
        } catch (Exception e) {
            // The broker's answer (no such queue, refused login) is the useful part, not the stack.
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.out.println("failed: " + root.getMessage());
            exit = 3;
        }
        System.exit(exit);
    }

    /** The command without {@code System.exit}, for tests; returns the exit code. */
    public static int run(String[] args, PrintStream out, String defaultUri) throws Exception {
        String queue = "error";
        String id = null;
        boolean all = false;
        String uri = defaultUri == null || defaultUri.isBlank() ? "amqp://guest:guest@localhost:5672" : defaultUri;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            switch (a) {
                case "--all" -> all = true;
                case "--queue", "--id", "--uri" -> {
                    if (!hasValue) {
                        return usage(out, a + " needs a value");
                    }
                    String v = args[++i];
                    if (a.equals("--queue")) {
                        queue = v;
                    } else if (a.equals("--id")) {
                        id = v;
                    } else {
                        uri = v;
                    }
                }
                default -> {
                    return usage(out, "unknown argument " + a);
                }
            }
        }
        if (all == (id != null)) {
            return usage(out, "give either --all or --id <messageId>");
        }
        int moved = new RetryErrors(uri, queue, id, out).moveAll();
        return moved == 0 && id != null ? 1 : 0;
    }

    private static int usage(PrintStream out, String problem) {
        out.println(problem);
        out.println("usage: retry-errors [--queue error] (--all | --id <messageId>) [--uri amqp://user:pass@host:5672[/vhost]]");
        return 2;
    }

    /** Moves the selected messages; returns how many. Looks at each message at most once. */
    int moveAll() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        try (Connection connection = factory.newConnection("edgebus-retry-errors")) {
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            Set<String> returned = ConcurrentHashMap.newKeySet();
            channel.addReturnListener(r -> returned.add(String.valueOf(r.getProperties().getMessageId())));
            long total = channel.messageCount(errorQueue);
            Map<String, Boolean> exchanges = new HashMap<>();
            int moved = 0;
            long left = 0;
            long lastKept = -1;
            for (long seen = 0; seen < total; seen++) {
                GetResponse m = channel.basicGet(errorQueue, false);
                if (m == null) {
                    break;
                }
                long tag = m.getEnvelope().getDeliveryTag();
                Map<String, Object> headers = m.getProps().getHeaders();
                String id = messageId(m);
                String target = RetryHeaders.text(headers, RetryHeaders.FAILED_QUEUE);
                boolean selected = onlyId == null || onlyId.equals(id);
                if (selected && target != null
                        && exchanges.computeIfAbsent(target, t -> exchangeExists(connection, t))
                        && publish(channel, m, id, target, returned)) {
                    channel.basicAck(tag, false);
                    out.println("moved " + id + " -> " + target);
                    moved++;
                } else {
                    if (selected) {
                        out.println("left " + id + " in " + errorQueue + ": "
                                + (target == null ? "no " + RetryHeaders.FAILED_QUEUE + " header"
                                : "queue " + target + " has no exchange or did not take it"));
                    }
                    lastKept = tag;
                    left++;
                }
            }
            if (lastKept >= 0) {
                // Everything not acked up to here goes back to the error queue in one go.
                channel.basicNack(lastKept, true, true);
            }
            out.println("moved " + moved + " message(s) from " + errorQueue + ", left " + left);
            return moved;
        }
    }

    private boolean publish(Channel channel, GetResponse m, String id, String target, Set<String> returned)
            throws IOException, InterruptedException, java.util.concurrent.TimeoutException {
        AMQP.BasicProperties props = m.getProps().builder().messageId(id)
                .headers(RetryHeaders.strip(m.getProps().getHeaders())).build();
        channel.basicPublish(target, "", true, props, m.getBody());
        channel.waitForConfirmsOrDie(30_000);
        // A return comes before the confirm of the same message, so it is known by now.
        return !returned.remove(id);
    }

    private static boolean exchangeExists(Connection connection, String name) {
        try (Channel probe = connection.createChannel()) {
            probe.exchangeDeclarePassive(name);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String messageId(GetResponse m) {
        String id = RetryHeaders.text(m.getProps().getHeaders(), RetryHeaders.MESSAGE_ID);
        return id != null ? id : m.getProps().getMessageId();
    }
}
