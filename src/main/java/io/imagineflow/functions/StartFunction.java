package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagineflow.events.ApiResponse;
import io.imagineflow.events.JobStarter;
import io.quarkus.funqy.Funq;

/** {@code start}: an API Gateway request in; the job id, and an execution of the job state machine, out. */
public class StartFunction {

    private final JobStarter starter;

    StartFunction(JobStarter starter) {
        this.starter = starter;
    }

    @Funq("start")
    public ApiResponse start(JsonNode event) {
        return starter.start(event);
    }
}
