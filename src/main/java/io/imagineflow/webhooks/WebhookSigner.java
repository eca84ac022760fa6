package io.imagineflow.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The Standard Webhooks signature: {@code v1,} and the base64 HMAC-SHA256, under the secret's key, of
 * {@code id.timestamp.body}. Receivers check it with any Standard Webhooks library (the README's receiver uses the
 * reference one), so it is written here in full rather than from a library: no maintained Java one is published
 * to Maven Central, and the scheme is one HMAC.
 */
final class WebhookSigner {

    private WebhookSigner() {}

    static String sign(byte[] key, String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
