package io.imagineflow.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An answer before it is sent, so that faults and the exchange log can look at it. */
record SimReply(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final ObjectMapper JSON = new ObjectMapper();

    static SimReply json(int status, JsonNode body) {
        try {
            return new SimReply(status, "application/json", JSON.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static SimReply empty(int status) {
        return new SimReply(status, null, new byte[0], Map.of());
    }

    static SimReply bytes(String contentType, byte[] body) {
        return new SimReply(200, contentType, body, Map.of());
    }

    static SimReply error(SimError error) {
        return json(
                error.status, JSON.createObjectNode().put("code", error.code).put("error", error.getMessage()));
    }

    SimReply withHeader(String name, String value) {
        java.util.Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(name, value);
        return new SimReply(status, contentType, body, Map.copyOf(all));
    }

    /** The same status with a body cut in the middle of its JSON. */
    SimReply malformed() {
        byte[] cut = "{\"status\": \"do".getBytes(StandardCharsets.UTF_8);
        return new SimReply(status == 202 ? 200 : status, "application/json", cut, headers);
    }
}
