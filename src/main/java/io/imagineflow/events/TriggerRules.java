package io.imagineflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.Operation;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a created S3 object into the JSON of a job request by the trigger rule that matches it. The result goes
 * through the same reader as any other request, so a rule cannot start a job that a user could not.
 */
@ApplicationScoped
public class TriggerRules {

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,9}");

    private final TriggerConfig config;

    TriggerRules(TriggerConfig config) {
        this.config = config;
    }

    /** The matching rule's name and rule: the bucket is equal and the key starts with the longest prefix. */
    Map.Entry<String, TriggerConfig.Rule> match(String bucket, String key) {
        Optional<Map.Entry<String, TriggerConfig.Rule>> best = config.rules().entrySet().stream()
                .filter(e -> e.getValue().bucket().equals(bucket)
                        && key.startsWith(e.getValue().prefix()))
                .max(Comparator.comparingInt((Map.Entry<String, TriggerConfig.Rule> e) ->
                                e.getValue().prefix().length())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()));
        return best.orElseThrow(() -> new JobInvalid(
                "event",
                "no trigger rule matches s3://" + bucket + "/" + key
                        + " (rules are set as imagine.triggers.<name>.bucket and .prefix)"));
    }

    /**
     * The job request that {@code named} (the rule {@link #match} found) makes of the object;
     * {@code promptOverride} is the object's prompt metadata.
     */
    JsonNode request(
            Map.Entry<String, TriggerConfig.Rule> named, Envelope.ObjectCreated object, String promptOverride) {
        TriggerConfig.Rule rule = named.getValue();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode request = nodes.objectNode();
        request.put("operation", rule.operation());
        rule.model().ifPresent(m -> request.put("model", m));
        String prompt = promptOverride != null && !promptOverride.isBlank()
                ? promptOverride
                : rule.prompt().map(t -> fill(t, object)).orElse(null);
        if (prompt != null) {
            request.put("prompt", prompt);
        }
        ObjectNode s3 = nodes.objectNode().put("bucket", object.bucket()).put("key", object.key());
        if (object.versionId() != null) {
            s3.put("version_id", object.versionId());
        }
        ObjectNode input = nodes.objectNode().set("s3", s3);
        Operation operation = Operation.fromId(rule.operation()).orElse(null);
        if (operation != null) {
            switch (operation) {
                case IMAGE_EDIT, IMAGE_TO_VIDEO ->
                    request.set("inputs", nodes.objectNode().set("image", input));
                case REFERENCE_TO_VIDEO ->
                    request.set(
                            "inputs",
                            nodes.objectNode()
                                    .set("reference_images", nodes.arrayNode().add(input)));
                case VIDEO_EDIT, VIDEO_EXTEND ->
                    request.set("inputs", nodes.objectNode().set("video", input));
                default -> {
                    // Generation from text only: the object triggers the job and its metadata may give the prompt.
                }
            }
        }
        if (!rule.options().isEmpty()) {
            ObjectNode options = request.putObject("options");
            rule.options().forEach((name, value) -> {
                if (NUMBER.matcher(value).matches()) {
                    options.put(name, Integer.parseInt(value));
                } else {
                    options.put(name, value);
                }
            });
        }
        rule.storageFilename().ifPresent(name -> {
            ObjectNode storage = request.putObject("storage").put("filename", fill(name, object));
            if (rule.publicUrl()) {
                storage.put("public_url", true);
            }
        });
        return request;
    }

    private static String fill(String template, Envelope.ObjectCreated object) {
        String filename = object.key().substring(object.key().lastIndexOf('/') + 1);
        int dot = filename.lastIndexOf('.');
        String stem = dot > 0 ? filename.substring(0, dot) : filename;
        return template.replace("{bucket}", object.bucket())
                .replace("{key}", object.key())
                .replace("{filename}", filename)
                .replace("{stem}", stem);
    }
}
