package io.edgebus.booth.controls.internal;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;
import io.edgebus.booth.controls.ControlCommand;
import io.edgebus.booth.controls.ControlState;

/** F22 over the bus: keys from a ControlCommand act exactly like keys typed on this terminal. */
final class ControlCommandHandler implements MessageHandler<ControlCommand> {
    private final ControlState state;

    ControlCommandHandler(ControlState state) {
        this.state = state;
    }

    @Override
    public void handle(ControlCommand command, MessageContext context) {
        state.apply(command.keys());
    }

    @Override
    public Class<ControlCommand> messageType() {
        return ControlCommand.class;
    }
}
