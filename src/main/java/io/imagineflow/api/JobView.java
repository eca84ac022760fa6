package io.imagineflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.job.JobRecord;
import io.imagineflow.job.OutputStore;
import io.imagineflow.job.S3Location;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A job as its owner sees it ({@code GET /jobs/{id}}, and the body of its webhooks): the record's fields without
 * what is only the functions' business (the request and prompt hashes, the outputs expected, the announcement
 * time), with {@code cancelRequested}, and a short-lived presigned GET URL for each delivered output. The prompt
 * itself is never stored, so never shown.
 */
@ApplicationScoped
public class JobView {

    private static final List<String> HIDDEN = List.of("promptHash", "requestHash", "expectedOutputs", "announcedAt");

    private final ObjectMapper json;
    private final OutputStore outputs;
    private final ApiConfig config;
    private final Clock clock;

    JobView(ObjectMapper json, OutputStore outputs, ApiConfig config, Clock clock) {
        this.json = json;
        this.outputs = outputs;
        this.config = config;
        this.clock = clock;
    }

    public ObjectNode of(JobRecord record) {
        ObjectNode view = json.valueToTree(record);
        view.remove(HIDDEN);
        view.put("cancelRequested", record.cancel() != null);
        Instant expires = clock.instant().plus(config.downloadUrlTtl());
        JsonNode listed = view.path("outputs");
        for (int i = 0; i < listed.size() && record.outputs() != null; i++) {
            S3Location s3 = record.outputs().get(i).s3();
            if (s3 != null) {
                ((ObjectNode) listed.get(i))
                        .put("downloadUrl", outputs.presignGet(s3, expires).toString())
                        .put("downloadUrlExpiresAt", expires.toString());
            }
        }
        return view;
    }

    /** A job whose execution runs but whose submit has not written its record yet. */
    public ObjectNode starting(String jobId) {
        return json.createObjectNode()
                .put("jobId", jobId)
                .put("status", "submitting")
                .put("cancelRequested", false);
    }
}
