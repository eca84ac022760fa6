package io.imagineflow.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.events.EventJson;
import io.imagineflow.job.JobState;
import io.imagineflow.job.PollService;
import io.imagineflow.ops.LogContext;
import io.quarkus.funqy.Funq;

/**
 * {@code poll}: the job state in, the state after one look at xAI out (with the next wait). Read as a tree first:
 * the state machine adds its execution's id ({@code execution}) beside the state, for the log lines.
 */
public class PollFunction {

    private final PollService service;
    private final ObjectMapper json;

    PollFunction(PollService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Funq("poll")
    public JobState poll(JsonNode input) {
        return Invocation.run(() -> {
            LogContext.execution(CallingExecution.of(input));
            return service.poll(state(input));
        });
    }

    private JobState state(JsonNode input) {
        try {
            return json.treeToValue(input, JobState.class);
        } catch (JsonProcessingException e) {
            throw EventJson.refused("event", e);
        }
    }
}
