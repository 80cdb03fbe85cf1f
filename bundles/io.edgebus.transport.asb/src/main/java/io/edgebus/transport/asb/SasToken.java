package io.edgebus.transport.asb;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Shared Access Signature token as Service Bus documents it: HMAC-SHA256 with the key over the
 * URL-encoded resource URI, a newline and the expiry (seconds since the epoch), sent as
 * {@code SharedAccessSignature sr=..&sig=..&se=..&skn=..}.
 */
final class SasToken {
    private SasToken() {
    }

    static String create(String resourceUri, String keyName, String key, Instant now, Duration validFor) {
        String resource = URLEncoder.encode(resourceUri, StandardCharsets.UTF_8);
        long expiry = now.plus(validFor).getEpochSecond();
        String signature = URLEncoder.encode(sign(key, resource + "\n" + expiry), StandardCharsets.UTF_8);
        return "SharedAccessSignature sr=" + resource + "&sig=" + signature + "&se=" + expiry + "&skn="
                + URLEncoder.encode(keyName, StandardCharsets.UTF_8);
    }

    static String sign(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
