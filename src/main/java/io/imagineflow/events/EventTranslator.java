package io.imagineflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagineflow.job.Hashes;
import io.imagineflow.job.IncomingJob;
import io.imagineflow.job.JobConfig;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobRequest;
import io.imagineflow.job.JobRequestReader;
import io.imagineflow.job.MediaRef;
import io.imagineflow.store.S3Objects;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An incoming event becomes a job: its request (read and checked) and its id. The id is derived from the event
 * alone, so every delivery of one event names the same job: the explicit idempotency key when there is one,
 * else the EventBridge {@code id}, the S3 bucket, key and sequencer, the SQS {@code messageId}, the CloudEvent's
 * {@code source} and {@code id}, the API Gateway request id, or for a bare request the request itself. A batch's job
 * is named by the batch id and the manifest line ({@code <batch>-<line>}).
 */
@ApplicationScoped
public class EventTranslator {

    private final EventEnvelopes envelopes;
    private final JobRequestReader reader;
    private final TriggerRules triggers;
    private final S3Objects s3;
    private final JobConfig config;

    EventTranslator(
            EventEnvelopes envelopes, JobRequestReader reader, TriggerRules triggers, S3Objects s3, JobConfig config) {
        this.envelopes = envelopes;
        this.reader = reader;
        this.triggers = triggers;
        this.s3 = s3;
        this.config = config;
    }

    public IncomingJob translate(JsonNode event) {
        // The bounds first: they make the tree safe for any recursive writer, the size check's included.
        EventShape.check(event, "event");
        checkSize(event);
        Envelope envelope = envelopes.open(event);
        if (envelope instanceof Envelope.Request request) {
            JobRequest job = reader.read(request.request(), request.path());
            return new IncomingJob(jobId(envelope, request.request()), request.source(), job);
        }
        Envelope.ObjectCreated object = (Envelope.ObjectCreated) envelope;
        // No rule, no job: refused before S3 is asked anything.
        Map.Entry<String, TriggerConfig.Rule> rule = triggers.match(object.bucket(), object.key());
        String prompt = s3.head(new MediaRef.S3Object(object.bucket(), object.key(), object.versionId()), "event")
                .metadata()
                .get("prompt");
        JobRequest job = reader.read(triggers.request(rule, object, prompt), "trigger." + rule.getKey());
        return new IncomingJob(jobId(envelope, null), object.source(), job);
    }

    /** Refuses an event that Step Functions could not carry, before anything in it is read (but its bounds). */
    private void checkSize(JsonNode event) {
        int limit = config.limits().eventBytes();
        int bytes = event == null ? 0 : event.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limit) {
            throw new JobInvalid(
                    "event",
                    "is " + bytes + " bytes, over the " + limit + " bytes that Step Functions"
                            + " carries from one state to the next: put large inputs in S3 or xAI Files and name them by"
                            + " s3 or file_id");
        }
    }

    /**
     * The job id of an event without reading its request in full or calling anything: how the failure path
     * names the record of an event that was refused. An event that cannot be opened, or breaks the bounds of
     * {@link EventShape}, gets an id from its content.
     */
    public String jobIdOf(JsonNode event) {
        if (!EventShape.fits(event)) {
            return "invalid-" + Hashes.sha256(Canonical.json(event)).substring(0, 32);
        }
        try {
            Envelope envelope = envelopes.open(event);
            return jobId(envelope, envelope instanceof Envelope.Request r ? r.request() : null);
        } catch (JobInvalid e) {
            return "invalid-" + Hashes.sha256(String.valueOf(event)).substring(0, 32);
        }
    }

    private static String jobId(Envelope envelope, JsonNode request) {
        List<String> batchLine = envelope.idParts();
        if (!batchLine.isEmpty() && batchLine.get(0).equals("batch")) {
            // The batch's id and the line's number: readable, and the same on every run of the manifest.
            return batchLine.get(1) + "-" + batchLine.get(2);
        }
        JsonNode key = request == null ? null : request.get("idempotency_key");
        if (key != null && key.isTextual() && !key.textValue().isEmpty()) {
            return id("key", List.of("key", key.textValue()));
        }
        List<String> parts = envelope.idParts();
        if (parts.isEmpty()) {
            return id("req", List.of("request", Canonical.json(request)));
        }
        String prefix = switch (parts.get(0)) {
            case "eventbridge" -> "eb";
            case "cloudevents" -> "ce";
            default -> parts.get(0);
        };
        return id(prefix, parts);
    }

    /** Short, readable, and valid as a Step Functions execution name. */
    private static String id(String prefix, List<String> parts) {
        return prefix + "-" + Hashes.of(parts).substring(0, 32);
    }
}
