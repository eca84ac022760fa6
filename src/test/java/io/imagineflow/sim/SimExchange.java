package io.imagineflow.sim;

/**
 * One request and its answer as they crossed the wire, kept so that tests can check both against xAI's
 * OpenAPI document. Bodies are kept only when they are JSON.
 */
public record SimExchange(Route route, String method, String path, String requestContentType, String requestBody,
        int status, String responseContentType, String responseBody, Fault fault) {
}
