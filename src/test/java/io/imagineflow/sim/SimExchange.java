package io.imagineflow.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One request and its answer as they crossed the wire, kept so that tests can check both against xAI's
 * OpenAPI document. Bodies are kept only when they are JSON.
 */
public record SimExchange(
        Route route,
        String method,
        String path,
        String requestContentType,
        String requestBody,
        int status,
        String responseContentType,
        String responseBody,
        Fault fault) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The request body as JSON (an empty object when there was none). */
    public JsonNode requestJson() {
        try {
            return requestBody == null ? JSON.createObjectNode() : JSON.readTree(requestBody);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
