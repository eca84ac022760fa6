package io.imagineflow.xai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Adds {@code Authorization: Bearer <key>} to every xAI call, so no caller ever handles the key. */
@ApplicationScoped
public class XaiAuthorization implements ClientRequestFilter {

    private final XaiApiKey key;

    XaiAuthorization(XaiApiKey key) {
        this.key = key;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, key.bearer());
    }
}
