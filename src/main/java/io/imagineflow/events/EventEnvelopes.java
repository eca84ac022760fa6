package io.imagineflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.MediaRef;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recognises each kind of event by its documented shape and unwraps it: a plain job request; API Gateway HTTP
 * API (v2) and REST (v1) proxy events; EventBridge events (a job request as {@code detail}, or S3
 * {@code Object Created}); S3 notifications; SQS messages, one record, in the {@code Records} form or the array
 * EventBridge Pipes delivers, whose body is any of these; CloudEvents 1.0 in structured JSON.
 */
@ApplicationScoped
public class EventEnvelopes {

    static final String KINDS = "a job request, an API Gateway proxy event, an EventBridge event, an S3"
            + " notification, an SQS message or a CloudEvent";

    /** An object with any of these, and no event's marks, is read as a job request (and told what it lacks). */
    private static final List<String> REQUEST_FIELDS = List.of("operation", "prompt", "inputs", "options");

    /** The detail-type of an EventBridge event that asks for a job (infra/template.yaml's JobRequestedRule). */
    static final String JOB_REQUESTED = "Imagine Job Requested";

    /** One line of a batch's manifest, as the batch state machine starts its job (infra/statemachine). */
    static final String BATCH_ITEM = "batchItem";

    private final EventJson json;

    EventEnvelopes(EventJson json) {
        this.json = json;
    }

    Envelope open(JsonNode event) {
        return open(event, "", 0);
    }

    private Envelope open(JsonNode event, String path, int depth) {
        if (event == null || event.isNull() || event.isMissingNode()) {
            throw new JobInvalid(name(path), "is empty: expected " + KINDS);
        }
        if (event.isArray()) {
            return sqsBatch(event, path, depth);
        }
        if (!event.isObject()) {
            throw new JobInvalid(name(path), "must be a JSON object: expected " + KINDS);
        }
        if (event.has("Records")) {
            return records(event, path, depth);
        }
        if (event.has(BATCH_ITEM)) {
            return batchItem(event.get(BATCH_ITEM), join(path, BATCH_ITEM));
        }
        if (event.has("specversion")) {
            return cloudEvent(event, path);
        }
        if (event.has("detail-type") && event.has("detail")) {
            return eventBridge(event, path);
        }
        if (event.has("requestContext")
                && (event.has("httpMethod")
                        || event.has("routeKey")
                        || "2.0".equals(event.path("version").asText()))) {
            return apiGateway(event, path);
        }
        if (REQUEST_FIELDS.stream().anyMatch(event::has)) {
            return new Envelope.Request("request", List.of(), event, path);
        }
        throw new JobInvalid(name(path), "is not a known kind of event: expected " + KINDS);
    }

    /**
     * {@code {"batchItem": {"batch": ID, "index": N, "request": {...}}}}: line N + 1 of batch ID. Its job is named
     * by the two, so a re-run of the batch names the same jobs (and starts none twice).
     */
    private Envelope batchItem(JsonNode item, String path) {
        String batch = required(item, "batch", path);
        if (!BatchIds.valid(batch)) {
            throw new JobInvalid(join(path, "batch"), BatchIds.RULE);
        }
        JsonNode index = item.get("index");
        if (index == null || !index.canConvertToInt() || index.asInt() < 0) {
            throw new JobInvalid(join(path, "index"), "must be the manifest line's index, a whole number from 0");
        }
        JsonNode request = item.get("request");
        if (request == null || !request.isObject()) {
            throw new JobInvalid(join(path, "request"), "must be the manifest line's job request (a JSON object)");
        }
        return new Envelope.Request(
                "batch", List.of("batch", batch, String.valueOf(index.asInt() + 1)), request, join(path, "request"));
    }

    /** EventBridge Pipes hands a Step Functions target the batch as an array; a job takes a batch of one. */
    private Envelope sqsBatch(JsonNode batch, String path, int depth) {
        if (batch.size() != 1) {
            throw new JobInvalid(
                    name(path),
                    "a batch must hold exactly one message (set the pipe's batch size to 1);" + " it held "
                            + batch.size());
        }
        JsonNode record = batch.get(0);
        if (!"aws:sqs".equals(record.path("eventSource").asText())) {
            throw new JobInvalid(
                    join(path, "[0]"), "an array event must be an SQS message batch (eventSource aws:sqs)");
        }
        return sqs(record, join(path, "[0]"), depth);
    }

    private Envelope records(JsonNode event, String path, int depth) {
        JsonNode records = event.get("Records");
        if (!records.isArray() || records.size() != 1) {
            throw new JobInvalid(
                    join(path, "Records"),
                    "must hold exactly one record (one event starts one job);" + " it held "
                            + (records.isArray() ? records.size() : "no array"));
        }
        JsonNode record = records.get(0);
        String source = record.path("eventSource").asText();
        String at = join(path, "Records[0]");
        if ("aws:sqs".equals(source)) {
            return sqs(record, at, depth);
        }
        if ("aws:s3".equals(source)) {
            return s3Notification(record, at);
        }
        throw new JobInvalid(join(at, "eventSource"), "must be aws:s3 or aws:sqs (was \"" + source + "\")");
    }

    private Envelope sqs(JsonNode record, String path, int depth) {
        String messageId = required(record, "messageId", path);
        String body = required(record, "body", path);
        if (depth > 2) {
            throw new JobInvalid(join(path, "body"), "events are nested too deeply");
        }
        Envelope inner = open(parse(body, join(path, "body")), join(path, "body"), depth + 1);
        // An event inside the message keeps its own identity; a bare request is the message's.
        if (!inner.idParts().isEmpty()) {
            return inner;
        }
        Envelope.Request request = (Envelope.Request) inner;
        return new Envelope.Request("sqs", List.of("sqs", messageId), request.request(), join(path, "body"));
    }

    private Envelope s3Notification(JsonNode record, String path) {
        String eventName = record.path("eventName").asText();
        if (!eventName.startsWith("ObjectCreated:")) {
            throw new JobInvalid(
                    join(path, "eventName"), "only ObjectCreated events start jobs (was \"" + eventName + "\")");
        }
        JsonNode s3 = record.path("s3");
        String bucket = required(s3.path("bucket"), "name", join(path, "s3.bucket"));
        // Keys in S3 notifications are URL-encoded, with '+' for a space.
        String key =
                URLDecoder.decode(required(s3.path("object"), "key", join(path, "s3.object")), StandardCharsets.UTF_8);
        checkKey(key, join(path, "s3.object.key"));
        String sequencer = s3.path("object").path("sequencer").asText("");
        String version = textOrNull(s3.path("object"), "versionId");
        return new Envelope.ObjectCreated("s3", List.of("s3", bucket, key, sequencer), bucket, key, version);
    }

    private Envelope eventBridge(JsonNode event, String path) {
        String id = required(event, "id", path);
        String source = event.path("source").asText();
        String detailType = event.path("detail-type").asText();
        JsonNode detail = event.get("detail");
        if ("aws.s3".equals(source)) {
            if (!"Object Created".equals(detailType)) {
                throw new JobInvalid(
                        join(path, "detail-type"),
                        "only S3 \"Object Created\" events start jobs (was \"" + detailType + "\")");
            }
            String bucket = required(detail.path("bucket"), "name", join(path, "detail.bucket"));
            String key = required(detail.path("object"), "key", join(path, "detail.object"));
            checkKey(key, join(path, "detail.object.key"));
            String sequencer = detail.path("object").path("sequencer").asText("");
            return new Envelope.ObjectCreated(
                    "eventbridge-s3",
                    List.of("s3", bucket, key, sequencer),
                    bucket,
                    key,
                    textOrNull(detail.path("object"), "version-id"));
        }
        // A rule matching more than it should (or a hand-made event) must not turn any event into a paid job.
        if (!JOB_REQUESTED.equals(detailType)) {
            throw new JobInvalid(
                    join(path, "detail-type"),
                    "must be \"" + JOB_REQUESTED + "\" (or an S3 \"Object" + " Created\" event) to start a job (was \""
                            + detailType + "\")");
        }
        return new Envelope.Request("eventbridge", List.of("eventbridge", id), detail, join(path, "detail"));
    }

    /** Refuses a key that names its way out of its prefix before any S3 call or trigger rule sees it. */
    private static void checkKey(String key, String field) {
        String broken = MediaRef.S3Object.keyRule(key);
        if (broken != null) {
            throw new JobInvalid(field, broken);
        }
    }

    private Envelope apiGateway(JsonNode event, String path) {
        String requestId = required(event.path("requestContext"), "requestId", join(path, "requestContext"));
        JsonNode bodyNode = event.get("body");
        if (bodyNode == null || bodyNode.isNull() || bodyNode.asText().isEmpty()) {
            throw new JobInvalid(join(path, "body"), "the HTTP request has no body: send a job request as JSON");
        }
        String body = bodyNode.asText();
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = utf8(Base64.getDecoder().decode(body), join(path, "body"));
            } catch (IllegalArgumentException e) {
                throw new JobInvalid(join(path, "body"), "is marked base64 but is not valid base64");
            }
        }
        JsonNode request = parse(body, join(path, "body"));
        String headerKey = header(event.path("headers"), "idempotency-key");
        List<String> id = headerKey != null ? List.of("key", headerKey) : List.of("api", requestId);
        return new Envelope.Request(
                event.has("httpMethod") ? "apigateway-rest" : "apigateway-http", id, request, join(path, "body"));
    }

    private Envelope cloudEvent(JsonNode event, String path) {
        String version = event.path("specversion").asText();
        if (!"1.0".equals(version)) {
            throw new JobInvalid(join(path, "specversion"), "must be 1.0 (was \"" + version + "\")");
        }
        String id = required(event, "id", path);
        String source = required(event, "source", path);
        String contentType =
                event.path("datacontenttype").asText("application/json").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json") && !contentType.contains("+json")) {
            throw new JobInvalid(join(path, "datacontenttype"), "must be JSON (was \"" + contentType + "\")");
        }
        JsonNode data = event.get("data");
        String at = join(path, "data");
        if ((data == null || data.isNull()) && event.has("data_base64")) {
            try {
                at = join(path, "data_base64");
                data = parse(
                        utf8(Base64.getDecoder().decode(event.get("data_base64").asText()), at), at);
            } catch (IllegalArgumentException e) {
                throw new JobInvalid(join(path, "data_base64"), "is not valid base64");
            }
        }
        if (data != null && data.isTextual()) {
            data = parse(data.textValue(), at);
        }
        return new Envelope.Request("cloudevents", List.of("cloudevents", source, id), data, at);
    }

    private static String join(String path, String name) {
        if (path.isEmpty()) {
            return name.startsWith("[") ? "event" + name : name;
        }
        return name.startsWith("[") ? path + name : path + "." + name;
    }

    private static String name(String path) {
        return path.isEmpty() ? "event" : path;
    }

    private JsonNode parse(String text, String field) {
        return json.parse(text, field);
    }

    /** Decoded bytes as text; broken UTF-8 is refused rather than read with replacement characters. */
    private static String utf8(byte[] bytes, String field) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JobInvalid(field, "is not valid UTF-8 once decoded from base64");
        }
    }

    private static String required(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw new JobInvalid(join(path, name), "is required (a string)");
        }
        return value.textValue();
    }

    private static String textOrNull(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || !value.isTextual() || value.textValue().isEmpty() ? null : value.textValue();
    }

    /** HTTP header names are case-insensitive; API Gateway v1 keeps the client's case, v2 lower-cases them. */
    private static String header(JsonNode headers, String name) {
        if (!headers.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)
                    && e.getValue().isTextual()
                    && !e.getValue().textValue().isBlank()) {
                return e.getValue().textValue();
            }
        }
        return null;
    }
}
