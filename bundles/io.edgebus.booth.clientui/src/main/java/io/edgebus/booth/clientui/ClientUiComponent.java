package io.edgebus.booth.clientui;

import io.edgebus.api.Bus;
import io.edgebus.booth.controls.ControlValues;
import io.edgebus.booth.controls.Control;
import io.edgebus.booth.controls.KeyboardReader;
import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * F16: simulated customers on the handheld console. Sends through the ClientUI endpoint's Bus
 * (the endpoint's routes send PlaceOrder to Sales); a configuration change restarts it with the
 * new initial levels.
 */
@Component(service = {}, configurationPid = ClientUiConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ClientUiConfig.class)
public class ClientUiComponent {
    @Reference(name = "bus")
    private Bus bus;

    private OrderLoop loop;
    private KeyboardReader keyboard;

    @Activate
    void activate(ClientUiConfig config) {
        Random random = config.seed().isBlank() ? new SecureRandom() : new Random(Long.parseLong(config.seed().trim()));
        ControlValues initial = ControlValues.initial()
                .with(Control.RATE, config.rate())
                .with(Control.NOISE, config.noise())
                .with(Control.DUPLICATES, config.duplicates());
        OrderSender sender = new OrderSender(() -> bus, random, UUID::randomUUID,
                config.raffleCampaign(), config.normalCampaign());
        loop = new OrderLoop(new BatchPlanner(random, config.batchSeconds()), sender, initial,
                System.out::println, "edgebus-clientui-orders");
        loop.keys("");
        loop.start();
        if (config.keyboard()) {
            keyboard = new KeyboardReader(System.in, loop::keys, "edgebus-clientui-keyboard");
            keyboard.start();
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (keyboard != null) {
            keyboard.stop();
        }
        loop.stop();
    }
}
