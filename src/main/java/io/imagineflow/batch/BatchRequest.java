package io.imagineflow.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagineflow.events.BatchIds;
import io.imagineflow.job.Hashes;
import io.imagineflow.job.JobInvalid;

import java.util.List;

/**
 * What starts a batch, from any of its triggers: an EventBridge S3 {@code Object Created} event (the manifest was
 * uploaded), an EventBridge {@code Imagine Batch Requested} event whose detail is {@code {"manifest": "s3://...",
 * "id": ...}}, or that object itself ({@code POST /batches}, or an execution started by hand).
 */
record BatchRequest(String batchId, String bucket, String key) {

    static final String BATCH_REQUESTED = "Imagine Batch Requested";

    static BatchRequest of(JsonNode trigger) {
        if (trigger == null || !trigger.isObject()) {
            throw new JobInvalid("event", "must be a JSON object: " + KINDS);
        }
        if (trigger.has("detail-type") && trigger.has("detail")) {
            String type = trigger.path("detail-type").asText();
            JsonNode detail = trigger.get("detail");
            if (type.equals("Object Created")) {
                String bucket = text(detail.path("bucket"), "name", "detail.bucket.name");
                String key = text(detail.path("object"), "key", "detail.object.key");
                return new BatchRequest(null, bucket, key);
            }
            if (type.equals(BATCH_REQUESTED)) {
                return fromRequest(detail, "detail.");
            }
            throw new JobInvalid(
                    "detail-type", "must be Object Created or " + BATCH_REQUESTED + " (was \"" + type + "\")");
        }
        return fromRequest(trigger, "");
    }

    private static final String KINDS = "an S3 Object Created event, an " + BATCH_REQUESTED + " event, or"
            + " {\"manifest\": \"s3://bucket/key.jsonl\", \"id\": optional}";

    /**
     * The batch's id: the one given, or one derived from the manifest's location and version ({@code etag}), as every
     * trigger of the same file derives it.
     */
    String batchId(String etag) {
        return batchId != null
                ? batchId
                : "b-" + Hashes.of(List.of(bucket, key, String.valueOf(etag))).substring(0, 24);
    }

    private static BatchRequest fromRequest(JsonNode request, String path) {
        String manifest = text(request, "manifest", path + "manifest");
        if (!manifest.startsWith("s3://") || manifest.indexOf('/', 5) < 6 || manifest.endsWith("/")) {
            throw new JobInvalid(path + "manifest", "must be s3://bucket/key (was \"" + manifest + "\")");
        }
        JsonNode id = request.get("id");
        if (id != null && !id.isNull() && !(id.isTextual() && BatchIds.valid(id.asText()))) {
            throw new JobInvalid(path + "id", BatchIds.RULE);
        }
        int slash = manifest.indexOf('/', 5);
        return new BatchRequest(
                id == null || id.isNull() ? null : id.asText(),
                manifest.substring(5, slash),
                manifest.substring(slash + 1));
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new JobInvalid(path, "is required (" + KINDS + ")");
        }
        return value.asText();
    }
}
