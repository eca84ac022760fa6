package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The execution a step runs for: the job state machine merges {@code execution} ({@code $$.Execution.Id}) into
 * the poll and finalize payloads (infra/statemachine/imagine-job.asl.json), since a Lambda invocation is not
 * told who called it. Null when the input has none (a direct invocation).
 */
final class CallingExecution {

    static final String FIELD = "execution";

    private CallingExecution() {}

    static String of(JsonNode input) {
        JsonNode execution = input == null ? null : input.get(FIELD);
        return execution != null && execution.isTextual() ? execution.asText() : null;
    }
}
