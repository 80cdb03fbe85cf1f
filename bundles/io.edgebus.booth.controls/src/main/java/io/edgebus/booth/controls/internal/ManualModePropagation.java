package io.edgebus.booth.controls.internal;

import io.edgebus.api.pipeline.Chain;
import io.edgebus.api.pipeline.DispatchBehavior;
import io.edgebus.api.pipeline.DispatchContext;
import io.edgebus.api.transport.OutgoingMessage;
import io.edgebus.booth.controls.ManualMode;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/** F16: every message sent while handling a manual-mode message is manual-mode too. */
final class ManualModePropagation implements DispatchBehavior {

    @Override
    public void invoke(DispatchContext context, Chain next) throws Exception {
        boolean manual = context.incoming().map(in -> ManualMode.isSet(in.message().headers())).orElse(false);
        if (manual) {
            mark(context.messages());
        }
        next.proceed();
    }

    static void mark(List<OutgoingMessage> messages) {
        ListIterator<OutgoingMessage> it = messages.listIterator();
        while (it.hasNext()) {
            OutgoingMessage m = it.next();
            if (!ManualMode.isSet(m.headers())) {
                Map<String, String> headers = new HashMap<>(m.headers());
                headers.put(ManualMode.HEADER, ManualMode.VALUE);
                it.set(new OutgoingMessage(m.messageId(), headers, m.body(), m.destination(), m.delay()));
            }
        }
    }
}
