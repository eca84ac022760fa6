package io.imagineflow.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/** An answer to API Gateway's Lambda proxy integration (payload format 2.0): status, headers, a JSON body. */
@RegisterForReflection
public record ApiResponse(int statusCode, Map<String, String> headers, String body) {

    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json"), body);
    }
}
