package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.batch.BatchService;
import io.imagineflow.job.JobInvalid;
import io.quarkus.funqy.Funq;

/**
 * {@code batch}: the batch state machine's two steps. A trigger in (S3 {@code Object Created}, {@code Imagine
 * Batch Requested}, or {@code {"manifest": ...}}): the batch opened, or found running. {@code {"close": {"batchId":
 * ..., "run": N}}} in: the batch record, after the results manifest and the completion event.
 */
public class BatchFunction {

    private final BatchService batches;
    private final ObjectMapper json;

    BatchFunction(BatchService batches, ObjectMapper json) {
        this.batches = batches;
        this.json = json;
    }

    @Funq("batch")
    public JsonNode batch(JsonNode input) {
        return Invocation.run(() -> {
            JsonNode close = input == null ? null : input.get("close");
            if (close == null) {
                return json.valueToTree(batches.open(input));
            }
            String batchId = close.path("batchId").asText(null);
            if (batchId == null || !close.path("run").canConvertToInt()) {
                throw new JobInvalid("close", "must name the batchId and the run to close");
            }
            return json.valueToTree(batches.close(batchId, close.get("run").asInt()));
        });
    }
}
