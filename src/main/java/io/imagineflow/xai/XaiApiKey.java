package io.imagineflow.xai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.aws.AwsErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

import java.io.IOException;

/**
 * The xAI key: from Secrets Manager when a secret ARN is configured (fetched on first use, then kept for the
 * life of the container), else from {@code XAI_API_KEY}. It only ever leaves this class inside the
 * Authorization header; {@link #toString()} does not show it and no message names it.
 */
@ApplicationScoped
public class XaiApiKey {

    private final XaiConfig config;
    private final Instance<SecretsManagerClient> secrets;
    private final ObjectMapper json = new ObjectMapper();
    private volatile String fromSecret;

    XaiApiKey(XaiConfig config, Instance<SecretsManagerClient> secrets) {
        this.config = config;
        this.secrets = secrets;
    }

    String bearer() {
        return "Bearer " + key();
    }

    private String key() {
        if (config.apiKeySecretArn().isPresent()) {
            String cached = fromSecret;
            if (cached == null) {
                synchronized (this) {
                    if (fromSecret == null) {
                        fromSecret = fetch(config.apiKeySecretArn().get());
                    }
                    cached = fromSecret;
                }
            }
            return cached;
        }
        return config.apiKey()
                .map(String::strip)
                .filter(k -> !k.isEmpty())
                .orElseThrow(() -> new XaiException.Unauthorized(
                        "no xAI API key is configured: set XAI_API_KEY or XAI_API_KEY_SECRET_ARN", 0, null));
    }

    private String fetch(String arn) {
        String secret;
        try {
            secret = secrets.get()
                    .getSecretValue(
                            GetSecretValueRequest.builder().secretId(arn).build())
                    .secretString();
        } catch (SdkServiceException e) {
            if (AwsErrors.transientFailure(e)) {
                throw notReached("Secrets Manager is unavailable (" + e.statusCode() + ")", e);
            }
            // Access denied, no such secret...: a deployment fault that retrying will not mend.
            throw new XaiException.Unauthorized(
                    "the xAI key secret could not be read (HTTP " + e.statusCode()
                            + "); check the secret ARN and the function's secretsmanager:GetSecretValue permission",
                    0,
                    null);
        } catch (SdkException e) {
            throw notReached("Secrets Manager could not be reached", e);
        }
        String key = parse(secret);
        if (key == null || key.isBlank()) {
            throw new XaiException.Unauthorized("the xAI key secret is empty or has no XAI_API_KEY field", 0, null);
        }
        return key.strip();
    }

    /** The bare key, or the {@code XAI_API_KEY}/{@code api_key} field of a JSON secret. */
    private String parse(String secret) {
        if (secret == null || !secret.strip().startsWith("{")) {
            return secret;
        }
        try {
            JsonNode node = json.readTree(secret);
            JsonNode key = node.hasNonNull("XAI_API_KEY") ? node.get("XAI_API_KEY") : node.get("api_key");
            return key == null || !key.isTextual() ? null : key.textValue();
        } catch (IOException e) {
            // Never echo the secret, not even in part.
            throw new XaiException.Unauthorized("the xAI key secret looks like JSON but cannot be parsed", 0, null);
        }
    }

    private static XaiException notReached(String message, Throwable cause) {
        return new XaiException.Unavailable(message, 0, null, XaiException.Unavailable.Reason.NOT_CONNECTED, cause);
    }

    @Override
    public String toString() {
        return "XaiApiKey[redacted]";
    }
}
