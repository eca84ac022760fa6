package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.events.CaughtFailures;
import io.imagineflow.ops.LogContext;
import io.quarkus.funqy.Funq;

/**
 * {@code finalize}: the ended state, or a caught failure, in; the job's final record out. One exception: a
 * submit that died after xAI may have taken a job that delivers to S3 is answered with the job's state
 * (pending), which the state machine follows on instead of ending the job. Hence a JSON tree: the answer is
 * one of two types, and Funqy writes a declared type.
 */
public class FinalizeFunction {

    private final CaughtFailures inputs;
    private final ObjectMapper json;

    FinalizeFunction(CaughtFailures inputs, ObjectMapper json) {
        this.inputs = inputs;
        this.json = json;
    }

    @Funq("finalize")
    public JsonNode finish(JsonNode input) {
        return Invocation.run(() -> {
            LogContext.execution(CallingExecution.of(input));
            return json.valueToTree(inputs.answer(input));
        });
    }
}
