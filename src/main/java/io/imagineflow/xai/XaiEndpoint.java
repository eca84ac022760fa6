package io.imagineflow.xai;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Holds the functions to xAI's own hosts: every call and every download goes through the REST client at
 * {@code xai.base-url}, which must be https on a host of {@code xai.allowed-hosts}. Checked when a function
 * starts, so a misconfigured (or tampered) base URL fails the start-up, where the key would otherwise be sent
 * to it with the first call. User-supplied URLs are never fetched by the functions: they go to xAI as they are.
 */
@ApplicationScoped
public class XaiEndpoint {

    /** Loopback as {@link URI#getHost()} gives it (an IPv6 literal keeps its brackets). */
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    void check(@Observes StartupEvent started, XaiConfig config) {
        String refused = refusal(config.baseUrl(), config.allowedHosts());
        if (refused != null) {
            throw new IllegalStateException("xai.base-url: " + refused);
        }
    }

    /** Why {@code baseUrl} may not be called, or null when it may. */
    static String refusal(String baseUrl, List<String> allowedHosts) {
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            return "is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || uri.getRawUserInfo() != null) {
            return "must name a host, without user information";
        }
        boolean allowed = allowedHosts.stream().anyMatch(h -> h.trim().equalsIgnoreCase(host));
        if (!allowed) {
            return "host " + host + " is not one of xai.allowed-hosts " + allowedHosts;
        }
        if (scheme.equals("https") || scheme.equals("http") && LOOPBACK.contains(host)) {
            return null;
        }
        return "must use https (plain http only for a loopback host)";
    }
}
