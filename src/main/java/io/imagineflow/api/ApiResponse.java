package io.imagineflow.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.job.ErrorCode;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/** An answer to API Gateway's Lambda proxy integration (payload format 2.0): status, headers, a JSON body. */
@RegisterForReflection
public record ApiResponse(int statusCode, Map<String, String> headers, String body) {

    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json"), body);
    }

    /** An error answer: the catalogue's (or the API's) code and a message. */
    static ApiResponse error(ObjectMapper json, int status, String code, String message) {
        return json(
                status,
                json.createObjectNode()
                        .put("error", code)
                        .put("message", message)
                        .toString());
    }

    /** A bad request: 400, with every broken rule by field. */
    static ApiResponse invalid(ObjectMapper json, JobInvalid e) {
        ObjectNode body = json.createObjectNode()
                .put("error", ErrorCode.JOB_INVALID.code())
                .put("message", e.getMessage());
        for (Violation v : e.violations()) {
            body.withArray("violations").addObject().put("field", v.field()).put("rule", v.rule());
        }
        return json(400, body.toString());
    }
}
