package io.imagineflow.xai;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How the product reaches xAI. The REST client's URL and timeouts are under {@code quarkus.rest-client.xai}. */
@ConfigMapping(prefix = "xai")
public interface XaiConfig {

    /** {@code XAI_BASE_URL}: xAI or any server that speaks its API (the simulator, a proxy). */
    @WithDefault("https://api.x.ai")
    String baseUrl();

    /**
     * {@code XAI_ALLOWED_HOSTS}: the only hosts the functions call for xAI, and so the only ones they download
     * from, over https. {@link XaiEndpoint} refuses to start with a base URL elsewhere. Plain http is accepted
     * for a loopback host in the list (the simulator in tests and in the local run), nowhere else.
     */
    @WithDefault("api.x.ai")
    List<String> allowedHosts();

    /**
     * {@code XAI_MEDIA_HOSTS}: the hosts of xAI's output URLs (each with its subdomains: {@code x.ai} covers
     * imgen.x.ai and vidgen.x.ai), the only ones the fallback copy of a delivery downloads from, over https
     * (plain http for a loopback host only). The key is never sent there.
     */
    @WithDefault("x.ai")
    List<String> mediaHosts();

    /** {@code XAI_API_KEY}. Never logged, never put in a message. */
    Optional<String> apiKey();

    /**
     * {@code XAI_API_KEY_SECRET_ARN}: when set, the key is read from this Secrets Manager secret (once per
     * container) instead of {@code XAI_API_KEY}. The secret holds the bare key, or JSON with an
     * {@code XAI_API_KEY} or {@code api_key} field.
     */
    Optional<String> apiKeySecretArn();

    Retry retry();

    /**
     * Short, bounded retries inside one call. Longer waits belong to the state machine, which pays nothing
     * while it waits, unlike a Lambda that sleeps.
     */
    interface Retry {
        /** Extra attempts after the first. */
        @WithDefault("2")
        int maxRetries();

        @WithDefault("PT0.25S")
        Duration initialBackoff();

        @WithDefault("PT8S")
        Duration maxBackoff();

        /** Looks at a request's status that must all answer 404 before the request is taken as gone. */
        @WithDefault("3")
        int notFoundLooks();

        /** A Retry-After longer than this is not waited for here: the error goes up to the caller. */
        @WithDefault("PT10S")
        Duration maxRetryAfter();
    }
}
