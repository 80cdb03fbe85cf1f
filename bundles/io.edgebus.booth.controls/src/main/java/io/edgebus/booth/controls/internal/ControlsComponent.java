package io.edgebus.booth.controls.internal;

import io.edgebus.api.Bus;
import io.edgebus.api.MessageHandler;
import io.edgebus.api.pipeline.DispatchBehavior;
import io.edgebus.api.pipeline.InvokeBehavior;
import io.edgebus.api.pipeline.ReceiveBehavior;
import io.edgebus.api.pipeline.RecoverabilityPolicy;
import io.edgebus.booth.controls.Control;
import io.edgebus.booth.controls.ControlProfile;
import io.edgebus.booth.controls.ControlState;
import io.edgebus.booth.controls.ControlValues;
import io.edgebus.booth.controls.KeyboardReader;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One endpoint instance's controls (F21, F22), per factory configuration. It registers its
 * services by hand because they go to two endpoints: the behaviours and the {@link ControlState}
 * to the processing endpoint, the {@code ControlCommand} handler to the instance's own control
 * endpoint (all instances share the Sales queue, so only a per-instance queue reaches each one).
 */
@Component(configurationPid = ControlsConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ControlsConfig.class, factory = true)
public class ControlsComponent {
    /** Progress outermost so it sees every failure; failure injection before the slow handler. */
    static final int PROGRESS_RANKING = 3000;
    static final int FAILURE_RANKING = 2000;
    static final int SLOW_RANKING = 1000;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<Bus> buses = new CopyOnWriteArrayList<>();
    private TerminalRenderer renderer;
    private KeyboardReader keyboard;

    @Activate
    void activate(BundleContext context, ControlsConfig config) {
        String endpoint = config.edgebus_endpoint();
        String controlEndpoint = config.controlEndpoint().isBlank()
                ? endpoint + ".Control." + config.instance() : config.controlEndpoint().trim();
        Random random = config.seed().isBlank() ? new SecureRandom() : new Random(Long.parseLong(config.seed().trim()));

        ProgressBoard board = new ProgressBoard(8);
        ControlStateService state = new ControlStateService(ControlProfile.SALES, ControlValues.initial(),
                action -> action == Control.INTERMITTENT_FAILURE
                        ? board.failAnimatingStage().map(s -> "x: failing " + s)
                                .orElse("x ignored: no stage is animating (manual mode only)")
                        : null);
        state.apply(config.initialKeys());
        ProgressStages progress = new ProgressStages(board, new StageAnimator(board, config.stageMillis(), Sleeper.REAL));

        register(context, ReceiveBehavior.class, progress.receive(), endpoint, PROGRESS_RANKING);
        register(context, InvokeBehavior.class, progress.invoke(), endpoint, PROGRESS_RANKING);
        register(context, DispatchBehavior.class, progress.dispatch(), endpoint, PROGRESS_RANKING);
        register(context, DispatchBehavior.class, new ManualModePropagation(), endpoint, 0);
        String title = endpoint + " " + config.instance();
        if (config.controls()) {
            register(context, ControlState.class, state, endpoint, 0);
            register(context, InvokeBehavior.class, new FailureInjection(state, random), endpoint, FAILURE_RANKING);
            register(context, InvokeBehavior.class, new SlowProcessing(state, Sleeper.REAL), endpoint, SLOW_RANKING);
            register(context, MessageHandler.class, new ControlCommandHandler(state), controlEndpoint, 0);
            register(context, RecoverabilityPolicy.class, new TogglePolicy(state), endpoint, 0);
            title += "  (control endpoint " + controlEndpoint + ")";
        }
        if (config.display()) {
            TerminalView view = new TerminalView(title, config.ansi(), config.instance() == 1 || config.helpPanel(),
                    config.controls());
            renderer = new TerminalRenderer(() -> view.render(rateLimitStatus(endpoint), board.lines(),
                    state.current(), state.notes()),
                    System.out, "edgebus-controls-display-" + endpoint + "-" + config.instance());
            renderer.start();
        }
        if (config.keyboard() && config.controls()) {
            keyboard = new KeyboardReader(System.in, state::apply, "edgebus-controls-keyboard-" + endpoint + "-" + config.instance());
            keyboard.start();
        }
    }

    /** The endpoints' Bus services, to show the auto rate limiting state of ours. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindBus(Bus bus) {
        buses.add(bus);
    }

    void unbindBus(Bus bus) {
        buses.remove(bus);
    }

    private String rateLimitStatus(String endpoint) {
        for (Bus bus : buses) {
            if (endpoint.equals(bus.endpointName())) {
                return TerminalView.rateLimitStatus(bus.rateLimited(), bus.consecutiveFailures());
            }
        }
        return "";
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        if (keyboard != null) {
            keyboard.stop();
        }
        if (renderer != null) {
            renderer.stop();
        }
    }

    private <S> void register(BundleContext context, Class<S> type, S service, String endpoint, int ranking) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Bus.ENDPOINT_PROPERTY, endpoint);
        properties.put(Constants.SERVICE_RANKING, ranking);
        registrations.add(context.registerService(type, service, properties));
    }
}
