package io.imagineflow.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.aws.AwsErrors;
import io.imagineflow.job.JobMisconfigured;
import io.imagineflow.job.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.util.Base64;

/**
 * The deployment's webhook signing key: {@code whsec_} and base64 (the Standard Webhooks form; the prefix may be
 * left out), from Secrets Manager when IMAGINE_WEBHOOK_SECRET_ARN is set (a bare value, or JSON with a
 * {@code secret} field, as the template generates it), else IMAGINE_WEBHOOK_SECRET. Fetched once per container.
 * Never logged, and no message quotes it.
 */
@ApplicationScoped
public class WebhookSecret {

    static final String PREFIX = "whsec_";

    private final WebhookConfig config;
    private final Instance<SecretsManagerClient> secrets;
    private final ObjectMapper json;
    private volatile byte[] key;

    WebhookSecret(WebhookConfig config, Instance<SecretsManagerClient> secrets, ObjectMapper json) {
        this.config = config;
        this.secrets = secrets;
        this.json = json;
    }

    byte[] key() {
        byte[] cached = key;
        if (cached == null) {
            synchronized (this) {
                if (key == null) {
                    key = decode(
                            config.secretArn().isPresent()
                                    ? fetch(config.secretArn().get())
                                    : local());
                }
                cached = key;
            }
        }
        return cached;
    }

    private String local() {
        return config.secret()
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new JobMisconfigured(
                        "no webhook secret: set IMAGINE_WEBHOOK_SECRET_ARN (or IMAGINE_WEBHOOK_SECRET locally)", null));
    }

    private String fetch(String arn) {
        String value = AwsErrors.call(
                        "Secrets Manager",
                        "read the webhook secret",
                        () -> secrets.get().getSecretValue(b -> b.secretId(arn)))
                .secretString();
        if (value != null && value.strip().startsWith("{")) {
            try {
                JsonNode node = json.readTree(value);
                value = node.path("secret").asText(null);
            } catch (IOException e) {
                throw new JobMisconfigured("the webhook secret looks like JSON but cannot be read", null);
            }
        }
        if (value == null || value.isBlank()) {
            throw new JobMisconfigured("the webhook secret is empty, or its JSON has no secret field", null);
        }
        return value;
    }

    private static byte[] decode(String secret) {
        String text = secret.strip();
        if (text.startsWith(PREFIX)) {
            text = text.substring(PREFIX.length());
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (bytes.length < 24) {
                throw new JobMisconfigured(
                        "the webhook secret is too short: at least 24 bytes (32 base64 characters)", null);
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new JobMisconfigured("the webhook secret is not whsec_ followed by base64", null);
        }
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
