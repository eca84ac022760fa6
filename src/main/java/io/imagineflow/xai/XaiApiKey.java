package io.imagineflow.xai;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The xAI key, read once from configuration ({@code XAI_API_KEY}). It only ever leaves this class inside the
 * Authorization header; {@link #toString()} does not show it.
 */
@ApplicationScoped
public class XaiApiKey {

    private final XaiConfig config;

    XaiApiKey(XaiConfig config) {
        this.config = config;
    }

    String bearer() {
        String key = config.apiKey().map(String::strip).filter(k -> !k.isEmpty())
                .orElseThrow(() -> new XaiException.Unauthorized(
                        "no xAI API key is configured: set XAI_API_KEY", 0, null));
        return "Bearer " + key;
    }

    @Override
    public String toString() {
        return "XaiApiKey[redacted]";
    }
}
