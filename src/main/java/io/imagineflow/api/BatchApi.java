package io.imagineflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.batch.BatchRecord;
import io.imagineflow.batch.BatchService;
import io.imagineflow.batch.BatchStarter;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobMisconfigured;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** {@code POST /batches} ({@code {"manifest": "s3://...", "id": optional}}) and {@code GET /batches/{id}}. */
@ApplicationScoped
public class BatchApi {

    private static final Logger LOG = Logger.getLogger(BatchApi.class);

    private final BatchStarter starter;
    private final BatchService batches;
    private final ObjectMapper json;

    BatchApi(BatchStarter starter, BatchService batches, ObjectMapper json) {
        this.starter = starter;
        this.batches = batches;
        this.json = json;
    }

    ApiResponse start(JsonNode event) {
        try {
            BatchStarter.Started started = starter.start(body(event));
            LOG.infof("batch %s: execution started (%s)", started.batchId(), started.executionArn());
            return ApiResponse.json(
                    202,
                    json.createObjectNode()
                            .put("batchId", started.batchId())
                            .put("executionArn", started.executionArn())
                            .toString());
        } catch (JobMisconfigured e) {
            return ApiResponse.error(json, 500, e.failure().code().code(), "batches are not set up: " + e.getMessage());
        }
    }

    ApiResponse get(String batchId) {
        Optional<BatchRecord> record = batches.find(batchId);
        return record.map(r -> ApiResponse.json(200, json.valueToTree(r).toString()))
                .orElseGet(() -> ApiResponse.error(json, 404, "BatchNotFound", "no batch " + batchId));
    }

    /** The request's JSON body (API Gateway hands it over as text, base64 when it says so). */
    private JsonNode body(JsonNode event) {
        JsonNode body = event.path("body");
        if (!body.isTextual() || body.asText().isBlank()) {
            throw new JobInvalid("body", "must be {\"manifest\": \"s3://bucket/key.jsonl\", \"id\": optional}");
        }
        String text = event.path("isBase64Encoded").asBoolean(false)
                ? new String(Base64.getDecoder().decode(body.asText()), StandardCharsets.UTF_8)
                : body.asText();
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new JobInvalid("body", "is not JSON");
        }
    }
}
