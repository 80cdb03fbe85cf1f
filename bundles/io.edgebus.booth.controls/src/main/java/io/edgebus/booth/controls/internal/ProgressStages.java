package io.edgebus.booth.controls.internal;

import io.edgebus.api.pipeline.Chain;
import io.edgebus.api.pipeline.DispatchBehavior;
import io.edgebus.api.pipeline.DispatchContext;
import io.edgebus.api.pipeline.InvokeBehavior;
import io.edgebus.api.pipeline.InvokeContext;
import io.edgebus.api.pipeline.ReceiveBehavior;
import io.edgebus.api.pipeline.ReceiveContext;
import io.edgebus.booth.controls.ManualMode;

/**
 * F21 progress display as three behaviours, one per stage: processing (around the handlers),
 * dispatching (around handing their messages to the broker) and acknowledging (after the whole
 * receive pipeline succeeded, just before the transport acks). Manual-mode messages animate each
 * stage; a failure anywhere shows on the message's line and is rethrown unchanged.
 */
final class ProgressStages {
    private static final String PROCESSING_SHOWN = ProgressStages.class.getName() + ".processing";

    private final ProgressBoard board;
    private final StageAnimator animator;

    ProgressStages(ProgressBoard board, StageAnimator animator) {
        this.board = board;
        this.animator = animator;
    }

    ReceiveBehavior receive() {
        return this::receive;
    }

    InvokeBehavior invoke() {
        return this::invoke;
    }

    DispatchBehavior dispatch() {
        return this::dispatch;
    }

    private void receive(ReceiveContext context, Chain next) throws Exception {
        String id = context.messageId();
        board.begin(id, Labels.of(context.message().headers(), context.message().body()));
        try {
            next.proceed();
            if (manual(context)) {
                animator.animate(id, Stage.ACKNOWLEDGING);
            } else {
                board.stage(id, Stage.ACKNOWLEDGING);
            }
            board.finish(id, Stage.DONE, "");
        } catch (Exception | Error e) {
            board.finish(id, Stage.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    private void invoke(InvokeContext context, Chain next) throws Exception {
        ReceiveContext receive = context.receive();
        // A message with several handlers shows (and animates) its processing stage once.
        if (receive.attributes().putIfAbsent(PROCESSING_SHOWN, Boolean.TRUE) == null) {
            if (manual(receive)) {
                animator.animate(receive.messageId(), Stage.PROCESSING);
            } else {
                board.stage(receive.messageId(), Stage.PROCESSING);
            }
        }
        next.proceed();
    }

    private void dispatch(DispatchContext context, Chain next) throws Exception {
        if (context.incoming().isPresent()) {
            ReceiveContext receive = context.incoming().get();
            if (manual(receive)) {
                animator.animate(receive.messageId(), Stage.DISPATCHING);
            } else {
                board.stage(receive.messageId(), Stage.DISPATCHING);
            }
        }
        next.proceed();
    }

    private static boolean manual(ReceiveContext context) {
        return ManualMode.isSet(context.message().headers());
    }
}
