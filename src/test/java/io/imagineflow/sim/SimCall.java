package io.imagineflow.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** A request the simulator is answering: its route, path parameter, query, content type, body and parsed JSON. */
record SimCall(
        Route route, String parameter, Map<String, String> query, String contentType, byte[] body, JsonNode json) {

    String query(String name) {
        return query.get(name);
    }
}
