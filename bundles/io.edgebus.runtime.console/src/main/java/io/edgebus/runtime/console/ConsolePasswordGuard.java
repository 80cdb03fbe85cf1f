package io.edgebus.runtime.console;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Replaces the web console's admin/admin with a password of this installation: one given in configuration, or a
 * random one generated on first start and kept in the run directory. Only standard ConfigAdmin is used: the PID is
 * the console's documented configuration PID, not an API.
 *
 * <p>Until this component has run, the distro's framework property {@code felix.webconsole.password} keeps the
 * console locked, so there is no moment in which the default password works.
 */
@Component(immediate = true)
public class ConsolePasswordGuard {

    static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";
    static final String USER = "admin";

    @Reference
    private ConfigurationAdmin configAdmin;

    @Activate
    void activate(BundleContext context) throws IOException {
        ConsoleSettings settings = ConsoleSettings.from(context::getProperty, System::getenv);
        String password;
        String where;
        if (settings.givenPassword() != null && !Passwords.isUnacceptable(settings.givenPassword())) {
            password = settings.givenPassword();
            where = "password from " + settings.givenPasswordSource();
        } else {
            if (settings.givenPassword() != null) {
                System.err.println("Refusing the console password from " + settings.givenPasswordSource()
                        + ": it is blank or the well-known default; using the generated one instead.");
            }
            password = PasswordFile.readOrCreate(settings.passwordFile(), new SecureRandom());
            where = "password file: " + settings.passwordFile();
        }
        configure(Passwords.consoleHash(password));
        // Deliberately the location of the password, never the password: stdout ends up in journals and CI logs.
        System.out.println("EdgeBus web console: " + settings.url() + " user " + USER + ", " + where);
    }

    private void configure(String hash) throws IOException {
        Configuration config = configAdmin.getConfiguration(CONSOLE_PID, null);
        Dictionary<String, Object> properties = config.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        // Updating an unchanged configuration would make the console re-register its servlet for nothing.
        if (hash.equals(properties.get("password")) && USER.equals(properties.get("username"))) {
            return;
        }
        properties.put("username", USER);
        properties.put("password", hash);
        config.update(properties);
    }
}
