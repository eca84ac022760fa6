package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagineflow.events.CaughtFailures;
import io.imagineflow.job.JobRecord;
import io.quarkus.funqy.Funq;

/** {@code finalize}: the ended state, or a caught failure, in; the job's final record out. */
public class FinalizeFunction {

    private final CaughtFailures inputs;

    FinalizeFunction(CaughtFailures inputs) {
        this.inputs = inputs;
    }

    @Funq("finalize")
    public JobRecord finish(JsonNode input) {
        return inputs.finish(input);
    }
}
