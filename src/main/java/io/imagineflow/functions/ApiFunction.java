package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagineflow.api.ApiResponse;
import io.imagineflow.api.JobApi;
import io.quarkus.funqy.Funq;

/**
 * {@code api}: the job API behind API Gateway (infra/api/openapi.yaml). An API request in, its answer out:
 * a job started, a job's state, a page of jobs, a job cancelled.
 */
public class ApiFunction {

    private final JobApi api;

    ApiFunction(JobApi api) {
        this.api = api;
    }

    @Funq("api")
    public ApiResponse api(JsonNode event) {
        return Invocation.run(() -> api.handle(event));
    }
}
