package io.imagineflow.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the JSON of a job request into a {@link JobRequest}, or refuses it with {@link JobInvalid} naming every
 * field and rule it breaks: the enums and ranges of xAI's schema and the rules xAI's documentation adds (at most
 * three edit images, one to seven references and at most 10 s for reference to video, prompt length, data URI
 * size and content, file id format). Nothing here calls anything: a bad request costs nothing.
 */
@ApplicationScoped
public class JobRequestReader {

    static final List<String> IMAGE_ASPECT_RATIOS = List.of(
            "1:1", "3:4", "4:3", "9:16", "16:9", "2:3", "3:2", "9:19.5", "19.5:9", "9:20", "20:9", "1:2", "2:1", "21:9",
            "5:2", "auto");
    static final List<String> VIDEO_ASPECT_RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3");
    static final List<String> IMAGE_RESOLUTIONS = List.of("1k", "1.5k", "2k");
    static final List<String> VIDEO_RESOLUTIONS = List.of("480p", "720p", "1080p");

    private static final Set<String> TOP_LEVEL = Set.of(
            "operation",
            "model",
            "prompt",
            "inputs",
            "options",
            "storage",
            "tags",
            "user",
            "idempotency_key",
            "deliver_to",
            "webhook");
    private static final Set<String> INPUTS = Set.of("image", "images", "reference_images", "video");
    private static final Set<String> OPTIONS = Set.of("n", "aspect_ratio", "resolution", "duration");
    private static final Set<String> STORAGE = Set.of("filename", "expires_after", "public_url");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** A plain file name: xAI stores it as given, and a name that walks a path is nobody's business to write. */
    private static final Pattern BAD_FILENAME_CHARS = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029\";/\\\\]");

    private static final long MIN_EXPIRY = 3600;
    private static final long MAX_EXPIRY = 2_592_000;
    private static final int MAX_TAGS = 10;

    private final JobConfig config;
    private final MediaReader media;
    private final DeliveryRules delivery;
    private final WebhookRules webhooks;

    public JobRequestReader(JobConfig config, DeliveryConfig delivery, WebhookConfig webhooks) {
        this.config = config;
        this.media = new MediaReader(config.limits().dataUriBytes());
        this.delivery = new DeliveryRules(delivery);
        this.webhooks = new WebhookRules(new OutboundUrls(webhooks.allowLoopback()));
    }

    /** Reads a job request found at {@code path} of an event ("" for a plain request, "detail" for EventBridge...). */
    public JobRequest read(JsonNode node, String path) {
        Fields fields = new Fields();
        if (node == null || !node.isObject()) {
            fields.fail(path.isEmpty() ? "request" : path, "a job request must be a JSON object");
            fields.throwIfAny();
        }
        fields.onlyKnown(node, path, TOP_LEVEL);
        String opName = fields.string(node, "operation", path);
        Operation operation = null;
        JsonNode givenOperation = node.path("operation");
        if (opName == null && (givenOperation.isNull() || givenOperation.isMissingNode())) {
            fields.fail(Fields.at(path, "operation"), "is required (one of " + Operation.ids() + ")");
        } else if (opName != null) {
            operation = Operation.fromId(opName).orElse(null);
            if (operation == null) {
                fields.fail(
                        Fields.at(path, "operation"),
                        "must be one of " + Operation.ids() + " (was \"" + opName + "\")");
            }
        }
        String model = fields.string(node, "model", path);
        String prompt = fields.string(node, "prompt", path);
        String user = fields.string(node, "user", path);
        if (user != null && (user.isEmpty() || user.length() > 256)) {
            fields.fail(Fields.at(path, "user"), "must be 1 to 256 characters");
        }
        String key = fields.string(node, "idempotency_key", path);
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            fields.fail(Fields.at(path, "idempotency_key"), "must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        Map<String, String> tags = tags(node, path, fields);
        JobRequest.Storage storage = storage(node, path, fields);
        String deliverTo = fields.string(node, "deliver_to", path);
        boolean deliverToGiven = node.hasNonNull("deliver_to");
        DeliveryTarget target = deliverToGiven && deliverTo == null
                ? null // wrong type: already a violation
                : delivery.resolve(Optional.ofNullable(deliverTo), Fields.at(path, "deliver_to"), fields);
        WebhookSpec webhook = webhooks.read(node, path, fields);
        if (operation == null) {
            fields.throwIfAny();
            return null;
        }
        model = model(operation, model, Fields.at(path, "model"), fields);
        checkPrompt(operation, prompt, Fields.at(path, "prompt"), fields);
        JobRequest.Inputs inputs = inputs(operation, node, path, fields);
        JobRequest.Options options = options(operation, model, inputs, node, path, fields);
        fields.throwIfAny();
        return new JobRequest(operation, model, prompt, inputs, options, storage, tags, user, key, target, webhook);
    }

    private String model(Operation operation, String model, String field, Fields fields) {
        if (model == null) {
            return operation.video() ? config.models().video() : config.models().image();
        }
        String family = operation.video() ? "grok-imagine-video" : "grok-imagine-image";
        if (!model.startsWith(family)) {
            fields.fail(
                    field,
                    operation.id() + " needs a " + (operation.video() ? "video" : "image") + " model (" + family
                            + "...), not \"" + model + "\"");
        }
        return model;
    }

    private void checkPrompt(Operation operation, String prompt, String field, Fields fields) {
        if (prompt == null || prompt.isBlank()) {
            if (operation != Operation.IMAGE_TO_VIDEO) {
                fields.fail(field, "is required for " + operation.id());
            }
            return;
        }
        int limit = operation.video()
                ? config.limits().videoPromptLength()
                : config.limits().imagePromptLength();
        if (prompt.length() > limit) {
            fields.fail(
                    field,
                    "may be at most " + limit + " characters for " + operation.id() + " (was " + prompt.length() + ")");
        }
    }

    private JobRequest.Inputs inputs(Operation operation, JsonNode node, String path, Fields fields) {
        String at = Fields.at(path, "inputs");
        JsonNode in = fields.object(node, "inputs", path);
        if (in == null) {
            in = JsonNodeFactory.instance.objectNode();
        }
        fields.onlyKnown(in, at, INPUTS);
        MediaRef image = null;
        List<MediaRef> images = List.of();
        List<MediaRef> references = List.of();
        MediaRef video = null;
        switch (operation) {
            case IMAGE_GENERATE, TEXT_TO_VIDEO -> noInputs(in, at, operation, fields);
            case IMAGE_EDIT -> {
                notAllowed(in, at, operation, fields, "reference_images", "video");
                if (in.has("image") && in.has("images")) {
                    fields.fail(at, "give image (one image) or images (up to 3), not both");
                } else if (in.has("image")) {
                    image = media.read(in.get("image"), at + ".image", MediaReader.Kind.IMAGE, fields);
                } else if (in.has("images")) {
                    images = list(in, "images", at, 1, 3, fields);
                } else {
                    fields.fail(at + ".image", "image_edit needs image (one image) or images (up to 3)");
                }
            }
            case IMAGE_TO_VIDEO -> {
                notAllowed(in, at, operation, fields, "images", "reference_images", "video");
                image = media.read(in.get("image"), at + ".image", MediaReader.Kind.IMAGE, fields);
            }
            case REFERENCE_TO_VIDEO -> {
                if (in.has("image")) {
                    fields.fail(
                            at + ".image",
                            "reference_to_video takes reference_images, never image (the"
                                    + " first frame of image_to_video)");
                }
                notAllowed(in, at, operation, fields, "images", "video");
                references = list(in, "reference_images", at, 1, 7, fields);
            }
            case VIDEO_EDIT, VIDEO_EXTEND -> {
                notAllowed(in, at, operation, fields, "image", "images", "reference_images");
                video = media.read(in.get("video"), at + ".video", MediaReader.Kind.VIDEO, fields);
            }
        }
        return new JobRequest.Inputs(image, images, references, video);
    }

    private List<MediaRef> list(JsonNode in, String name, String at, int min, int max, Fields fields) {
        JsonNode array = fields.array(in, name, at);
        String field = at + "." + name;
        if (array == null) {
            if (!in.has(name)) {
                fields.fail(field, "is required (" + min + " to " + max + " images)");
            }
            return List.of();
        }
        if (array.size() < min || array.size() > max) {
            fields.fail(field, "takes " + min + " to " + max + " images (was " + array.size() + ")");
            return List.of();
        }
        List<MediaRef> refs = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            MediaRef ref = media.read(array.get(i), field + "[" + i + "]", MediaReader.Kind.IMAGE, fields);
            if (ref != null) {
                refs.add(ref);
            }
        }
        // A broken image is a violation already noted; the request is refused once every field is read.
        return refs;
    }

    private static void noInputs(JsonNode in, String at, Operation operation, Fields fields) {
        notAllowed(in, at, operation, fields, INPUTS.toArray(String[]::new));
    }

    private static void notAllowed(JsonNode in, String at, Operation operation, Fields fields, String... names) {
        for (String name : names) {
            if (in.has(name)) {
                fields.fail(at + "." + name, "is not an input of " + operation.id());
            }
        }
    }

    private JobRequest.Options options(
            Operation operation, String model, JobRequest.Inputs inputs, JsonNode node, String path, Fields fields) {
        String at = Fields.at(path, "options");
        JsonNode options = fields.object(node, "options", path);
        if (options == null) {
            return JobRequest.Options.NONE;
        }
        fields.onlyKnown(options, at, OPTIONS);
        Integer n = fields.integer(options, "n", at);
        String ratio = fields.string(options, "aspect_ratio", at);
        String resolution = fields.string(options, "resolution", at);
        Integer duration = fields.integer(options, "duration", at);
        String nField = at + ".n";
        String ratioField = at + ".aspect_ratio";
        String resolutionField = at + ".resolution";
        String durationField = at + ".duration";
        if (!operation.video()) {
            fields.range(nField, n, 1, 10);
            fields.absent(durationField, duration, "applies to videos only");
            fields.oneOf(resolutionField, resolution, IMAGE_RESOLUTIONS);
            if (operation == Operation.IMAGE_EDIT && inputs.image() != null) {
                fields.absent(ratioField, ratio, "a single-image edit keeps the input's aspect ratio");
            } else {
                fields.oneOf(ratioField, ratio, IMAGE_ASPECT_RATIOS);
            }
            return new JobRequest.Options(n, ratio, resolution, null);
        }
        fields.absent(nField, n, "applies to images only (a video job makes one video)");
        switch (operation) {
            case TEXT_TO_VIDEO, IMAGE_TO_VIDEO -> {
                fields.range(durationField, duration, 1, 15);
                fields.oneOf(ratioField, ratio, VIDEO_ASPECT_RATIOS);
                fields.oneOf(resolutionField, resolution, VIDEO_RESOLUTIONS);
                if ("1080p".equals(resolution) && !model.startsWith("grok-imagine-video-1.5")) {
                    fields.fail(
                            resolutionField,
                            "1080p needs grok-imagine-video-1.5 (" + model + " renders 480p" + " or 720p)");
                }
            }
            case REFERENCE_TO_VIDEO -> {
                fields.range(durationField, duration, 1, 10);
                fields.oneOf(ratioField, ratio, VIDEO_ASPECT_RATIOS);
                fields.oneOf(resolutionField, resolution, List.of("480p", "720p"));
            }
            case VIDEO_EXTEND -> {
                fields.range(durationField, duration, 2, 10);
                fields.absent(ratioField, ratio, "an extension keeps the input's aspect ratio");
                fields.absent(resolutionField, resolution, "an extension keeps the input's resolution");
            }
            default -> {
                fields.absent(durationField, duration, "an edited video keeps the input's length");
                fields.absent(ratioField, ratio, "an edited video keeps the input's aspect ratio");
                fields.absent(resolutionField, resolution, "an edited video keeps the input's resolution");
            }
        }
        return new JobRequest.Options(null, ratio, resolution, duration);
    }

    private static JobRequest.Storage storage(JsonNode node, String path, Fields fields) {
        String at = Fields.at(path, "storage");
        JsonNode storage = fields.object(node, "storage", path);
        if (storage == null) {
            return null;
        }
        fields.onlyKnown(storage, at, STORAGE);
        String filename = fields.string(storage, "filename", at);
        if (filename == null || filename.isEmpty() || filename.length() > 255) {
            fields.fail(at + ".filename", "is required: 1 to 255 characters");
        } else if (BAD_FILENAME_CHARS.matcher(filename).find()) {
            fields.fail(
                    at + ".filename", "must be a plain file name: no '/', '\\', control characters, '\"' or" + " ';'");
        } else if (filename.startsWith(".")) {
            fields.fail(at + ".filename", "must be a plain file name: not \".\" or \"..\", and no leading '.'");
        }
        Long expires = fields.longValue(storage, "expires_after", at);
        fields.range(at + ".expires_after", expires, MIN_EXPIRY, MAX_EXPIRY);
        JsonNode publicUrl = storage.get("public_url");
        boolean wantsPublicUrl = false;
        Long publicExpires = null;
        if (publicUrl != null && !publicUrl.isNull()) {
            if (publicUrl.isBoolean()) {
                wantsPublicUrl = publicUrl.booleanValue();
            } else if (publicUrl.isObject()) {
                fields.onlyKnown(publicUrl, at + ".public_url", Set.of("expires_after"));
                wantsPublicUrl = true;
                publicExpires = fields.longValue(publicUrl, "expires_after", at + ".public_url");
                fields.range(at + ".public_url.expires_after", publicExpires, MIN_EXPIRY, MAX_EXPIRY);
            } else {
                fields.fail(at + ".public_url", "must be true, false or {\"expires_after\": seconds}");
            }
        }
        return new JobRequest.Storage(filename, expires, wantsPublicUrl, publicExpires);
    }

    private static Map<String, String> tags(JsonNode node, String path, Fields fields) {
        String at = Fields.at(path, "tags");
        JsonNode tags = fields.object(node, "tags", path);
        if (tags == null) {
            return Map.of();
        }
        if (tags.size() > MAX_TAGS) {
            fields.fail(at, "at most " + MAX_TAGS + " tags (was " + tags.size() + ")");
        }
        Map<String, String> result = new LinkedHashMap<>();
        tags.fields().forEachRemaining(e -> {
            String name = e.getKey();
            if (name.isEmpty() || name.length() > 128) {
                fields.fail(at, "a tag name has 1 to 128 characters");
            } else if (!e.getValue().isTextual() || e.getValue().textValue().length() > 256) {
                fields.fail(at + "." + name, "must be a string of at most 256 characters");
            } else {
                result.put(name, e.getValue().textValue());
            }
        });
        return result;
    }
}
