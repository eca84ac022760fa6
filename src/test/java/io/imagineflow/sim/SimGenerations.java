package io.imagineflow.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Image and video generations as xAI runs them: checked up front (the rules the schema leaves to prose),
 * accepted with a request id, pending for a while with rising progress, then done, failed, expired or moderated
 * as planned; billed once when the result is produced, with moderated outputs billed too.
 */
final class SimGenerations {

    private static final Pattern IMAGE_DATA =
            Pattern.compile("data:image/(png|jpeg|jpg|webp);base64,(.+)", Pattern.DOTALL);
    private static final Pattern VIDEO_DATA = Pattern.compile("data:video/mp4;base64,(.+)", Pattern.DOTALL);
    private static final int UNKNOWN_VIDEO_SECONDS = 5;

    record Blob(String contentType, byte[] bytes) {}

    private final Map<String, SimRequest> requests = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong epoch = new java.util.concurrent.atomic.AtomicLong();
    /** xAI's own uploads to a request's {@code output} URLs, made when the generation is done. */
    private final ScheduledExecutorService uploader = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "sim-uploader");
        t.setDaemon(true);
        return t;
    });

    private final Map<String, Blob> media = new ConcurrentHashMap<>();
    private final SimFiles files;
    private final Ledger ledger;
    private final Supplier<String> baseUrl;
    private final Clock clock;
    private volatile SimulatorOptions options;

    SimGenerations(SimFiles files, Ledger ledger, Supplier<String> baseUrl, Clock clock, SimulatorOptions options) {
        this.files = files;
        this.ledger = ledger;
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.options = options;
    }

    void configure(SimulatorOptions options) {
        this.options = options;
    }

    void clear() {
        // An upload planned before a reset must not bill or upload into the next test's ledger.
        epoch.incrementAndGet();
        requests.clear();
        media.clear();
    }

    void close() {
        uploader.shutdownNow();
    }

    Blob media(String token) {
        return media.get(token);
    }

    // --- images -------------------------------------------------------------------------------------------

    SimReply generateImage(SimCall call, Fault fault) {
        JsonNode body = call.json();
        SimModels.Model model = SimModels.resolve(text(body, "model"), false);
        String prompt = prompt(body, model, true);
        int n = imageCount(body);
        checkImageDelivery(body, n);
        SimFiles.checkStorageOptions(body.get("storage_options"));
        return imageAccepted(call.route(), model, prompt, body, n, 0, fault);
    }

    SimReply editImage(SimCall call, Fault fault) {
        JsonNode body = call.json();
        SimModels.Model model = SimModels.resolve(text(body, "model"), false);
        String prompt = prompt(body, model, true);
        JsonNode one = present(body.get("image"));
        JsonNode many = present(body.get("images"));
        if (one != null && many != null) {
            throw SimError.invalid("image and images are mutually exclusive: send one image, or up to 3 images");
        }
        int inputs;
        if (one != null) {
            checkImage(one, "image");
            inputs = 1;
        } else if (many != null) {
            if (many.size() < 1 || many.size() > 3) {
                throw SimError.invalid("images takes 1 to 3 images, got " + many.size());
            }
            for (int i = 0; i < many.size(); i++) {
                checkImage(many.get(i), "images[" + i + "]");
            }
            inputs = many.size();
        } else {
            throw SimError.invalid("an edit needs image or images");
        }
        int n = imageCount(body);
        checkImageDelivery(body, n);
        SimFiles.checkStorageOptions(body.get("storage_options"));
        return imageAccepted(call.route(), model, prompt, body, n, inputs, fault);
    }

    SimReply imageStatus(String id, Fault fault) {
        SimRequest request = requests.get(id);
        if (request == null || request.video() || fault == Fault.NOT_FOUND) {
            throw SimError.notFound("Request " + id + " not found");
        }
        request.look();
        if (request.working(clock.millis())) {
            return SimReply.empty(202);
        }
        return request.end(() -> imageEnd(request, true));
    }

    private SimReply imageAccepted(
            Route route, SimModels.Model model, String prompt, JsonNode body, int n, int inputs, Fault fault) {
        boolean deferred = body.path("deferred").asBoolean(false);
        SimRequest request = accept(route, model, prompt, body, n, 0, Prices.image(model.id(), n, inputs), fault);
        if (deferred) {
            return SimReply.json(200, SimReply.JSON.createObjectNode().put("request_id", request.id));
        }
        requests.remove(request.id); // a synchronous answer has no id to poll
        return request.end(() -> imageEnd(request, false));
    }

    private SimReply imageEnd(SimRequest r, boolean deferred) {
        Fault fault = r.plannedFault;
        if (fault == Fault.FAILED) {
            if (!deferred) {
                throw new SimError(500, "internal", "Image generation failed.");
            }
            ObjectNode failed =
                    SimReply.JSON.createObjectNode().put("request_id", r.id).put("status", "failed");
            failed.putObject("error").put("code", "internal_error").put("message", "Image generation failed.");
            return SimReply.json(200, failed);
        }
        if (fault == Fault.EXPIRED && deferred) {
            return SimReply.json(
                    200,
                    SimReply.JSON.createObjectNode().put("request_id", r.id).put("status", "expired"));
        }
        ledger.billed(r.id, r.prompt, r.ticks);
        if (fault == Fault.MODERATED_HTTP) {
            return moderated("Generated image rejected by content moderation.", r.ticks);
        }
        String format = r.body.path("response_format").asText("url");
        String mime = r.model.id().equals("grok-imagine-image-quality") ? "image/png" : "image/jpeg";
        ObjectNode root = SimReply.JSON.createObjectNode();
        if (deferred) {
            root.put("request_id", r.id).put("status", "done");
        }
        ArrayNode data = root.putArray("data");
        for (int i = 0; i < r.count; i++) {
            ObjectNode item = data.addObject();
            if (fault == Fault.MODERATED_DONE) {
                item.putNull("url").put("mime_type", mime).put("respect_moderation", false);
                continue;
            }
            byte[] bytes = SimMedia.image(r.prompt + '#' + i, mime.equals("image/png") ? "png" : "jpeg");
            r.produced(new Blob(mime, bytes));
            if (format.equals("b64_json")) {
                item.putNull("url").put("b64_json", Base64.getEncoder().encodeToString(bytes));
            } else {
                item.put("url", ephemeral(mime, bytes));
            }
            item.put("mime_type", mime);
            store(item, r, i, mime, bytes, null);
        }
        root.putObject("usage").put("cost_in_usd_ticks", r.ticks);
        return SimReply.json(200, root);
    }

    // --- videos -------------------------------------------------------------------------------------------

    SimReply generateVideo(SimCall call, Fault fault) {
        JsonNode body = call.json();
        SimModels.Model model = SimModels.resolve(text(body, "model"), true);
        boolean v15 = model.id().equals("grok-imagine-video-1.5");
        JsonNode image = present(body.get("image"));
        JsonNode references = present(body.get("reference_images"));
        JsonNode audios = present(body.get("reference_audios"));
        if (image != null && references != null) {
            throw SimError.invalid("image and reference_images cannot be used together");
        }
        String prompt = prompt(body, model, image == null);
        int duration = body.hasNonNull("duration") ? body.get("duration").asInt() : 8;
        String resolution =
                body.hasNonNull("resolution") ? body.get("resolution").asText() : "480p";
        int inputs = 0;
        if (image != null) {
            checkImage(image, "image");
            inputs = 1;
        }
        if (references != null) {
            if (references.size() < 1 || references.size() > 7) {
                throw SimError.invalid("reference_images takes 1 to 7 images, got " + references.size());
            }
            for (int i = 0; i < references.size(); i++) {
                checkImage(references.get(i), "reference_images[" + i + "]");
            }
            inputs = references.size();
            if (duration > 10) {
                throw SimError.invalid(
                        "Duration " + duration + "s exceeds the maximum allowed for reference-to-video, which is 10s.");
            }
            if (resolution.equals("1080p")) {
                throw SimError.invalid("reference-to-video supports 480p and 720p");
            }
        }
        if (resolution.equals("1080p") && !v15) {
            throw SimError.invalid("1080p needs grok-imagine-video-1.5");
        }
        if (audios != null) {
            if (!v15 || image != null) {
                throw SimError.invalid("reference_audios needs grok-imagine-video-1.5 and reference-to-video");
            }
            for (int i = 0; i < audios.size(); i++) {
                if (audios.get(i).hasNonNull("url") == audios.get(i).hasNonNull("voice_id")) {
                    throw SimError.invalid("reference_audios[" + i + "]: exactly one of url and voice_id");
                }
            }
        }
        JsonNode keyframes = present(body.get("keyframes"));
        if (keyframes != null) {
            for (int i = 0; i < keyframes.size(); i++) {
                double t = keyframes.get(i).path("timestamp_s").asDouble();
                if (t <= 0 || t >= duration) {
                    throw SimError.invalid(
                            "keyframes[" + i + "].timestamp_s must be inside the video (0 < t < " + duration + ")");
                }
                checkImage(keyframes.get(i).get("image"), "keyframes[" + i + "].image");
            }
        }
        SimFiles.checkStorageOptions(body.get("storage_options"));
        SimRequest request = accept(
                call.route(),
                model,
                prompt,
                body,
                1,
                duration,
                Prices.video(model.id(), resolution, duration, inputs),
                fault);
        return started(request);
    }

    SimReply editVideo(SimCall call, Fault fault) {
        JsonNode body = call.json();
        SimModels.Model model = SimModels.resolve(text(body, "model"), true);
        String prompt = prompt(body, model, true);
        int input = checkVideo(body.get("video"), "video");
        if (input > 8) {
            throw SimError.invalid("video: the input video may be at most 8.7 s long, it is " + input + " s");
        }
        SimFiles.checkStorageOptions(body.get("storage_options"));
        SimRequest request =
                accept(call.route(), model, prompt, body, 1, input, Prices.video(model.id(), "480p", input, 0), fault);
        return started(request);
    }

    SimReply extendVideo(SimCall call, Fault fault) {
        JsonNode body = call.json();
        SimModels.Model model = SimModels.resolve(text(body, "model"), true);
        String prompt = prompt(body, model, true);
        int extension = body.hasNonNull("duration") ? body.get("duration").asInt() : 6;
        if (extension < 2 || extension > 10) {
            throw SimError.invalid("duration (of the extension) must be between 2 and 10 seconds");
        }
        int input = checkVideo(body.get("video"), "video");
        if (input < 2 || input > 15) {
            throw SimError.invalid("video: the input video must be 2 to 15 s long, it is " + input + " s");
        }
        SimFiles.checkStorageOptions(body.get("storage_options"));
        SimRequest request = accept(
                call.route(),
                model,
                prompt,
                body,
                1,
                input + extension,
                Prices.video(model.id(), "480p", extension, 0),
                fault);
        return started(request);
    }

    SimReply videoStatus(String id, Fault fault) {
        SimRequest request = requests.get(id);
        if (request == null || !request.video() || fault == Fault.NOT_FOUND) {
            throw SimError.notFound("Request " + id + " not found");
        }
        int look = request.look();
        long now = clock.millis();
        if (request.working(now)) {
            if (look == 1) {
                return SimReply.empty(202); // xAI's first answers often carry no body at all
            }
            long span = Math.max(1, request.readyAtMillis - request.createdAtMillis);
            int progress = (int) Math.min(99, Math.max(0, now - request.createdAtMillis) * 100 / span);
            return SimReply.json(
                    202,
                    SimReply.JSON.createObjectNode().put("status", "pending").put("progress", progress));
        }
        return request.end(() -> videoEnd(request));
    }

    private SimReply videoEnd(SimRequest r) {
        Fault fault = r.plannedFault;
        ObjectNode root = SimReply.JSON.createObjectNode();
        if (fault == Fault.FAILED) {
            root.put("status", "failed")
                    .putObject("error")
                    .put("code", "internal_error")
                    .put("message", "Video generation failed.");
            return SimReply.json(200, root);
        }
        if (fault == Fault.EXPIRED) {
            return SimReply.json(200, root.put("status", "expired"));
        }
        ledger.billed(r.id, r.prompt, r.ticks);
        if (fault == Fault.MODERATED_HTTP) {
            return moderated("Generated video rejected by content moderation.", r.ticks);
        }
        root.put("status", "done").put("model", r.model.id()).put("progress", 100);
        ObjectNode video = root.putObject("video");
        if (fault == Fault.MODERATED_DONE) {
            video.putNull("url").put("duration", r.durationSeconds).put("respect_moderation", false);
        } else {
            byte[] bytes = SimMedia.video();
            r.produced(new Blob("video/mp4", bytes));
            video.put("url", ephemeral("video/mp4", bytes))
                    .put("duration", r.durationSeconds)
                    .put("respect_moderation", true);
            store(video, r, 0, "video/mp4", bytes, r.durationSeconds);
        }
        root.putObject("usage").put("cost_in_usd_ticks", r.ticks);
        return SimReply.json(200, root);
    }

    // --- shared -------------------------------------------------------------------------------------------

    private SimRequest accept(
            Route route,
            SimModels.Model model,
            String prompt,
            JsonNode body,
            int count,
            int duration,
            long ticks,
            Fault fault) {
        long now = clock.millis();
        long wait = (route.video() ? options.videoReadyAfter() : options.imageReadyAfter()).toMillis();
        SimRequest request = new SimRequest(
                UUID.randomUUID().toString(),
                route,
                model,
                prompt,
                body,
                count,
                duration,
                ticks,
                now,
                now + wait,
                fault != null && fault.isOutcome() ? fault : null);
        requests.put(request.id, request);
        ledger.accept(prompt);
        List<String> uploadUrls = uploadUrls(body);
        if (!uploadUrls.isEmpty()) {
            // xAI uploads when the generation is done, whether or not anyone polls (or heard of the request).
            Fault uploadFault = fault != null && fault.scope == Fault.Scope.UPLOAD ? fault : null;
            request.uploadPending(uploadFault != Fault.UPLOAD_SLOW);
            long delay = Math.max(0, request.readyAtMillis - now)
                    + (uploadFault == Fault.UPLOAD_SLOW ? options.slowResponse().toMillis() : 0);
            long planned = epoch.get();
            uploader.schedule(
                    () -> {
                        if (epoch.get() == planned) {
                            upload(request, uploadUrls, uploadFault);
                        }
                    },
                    delay,
                    TimeUnit.MILLISECONDS);
        }
        return request;
    }

    private static List<String> uploadUrls(JsonNode body) {
        JsonNode output = present(body.get("output"));
        if (output == null) {
            return List.of();
        }
        List<String> urls = new ArrayList<>();
        if (output.hasNonNull("upload_url")) {
            urls.add(output.get("upload_url").asText());
        }
        output.path("upload_urls").forEach(u -> urls.add(u.asText()));
        return urls;
    }

    /** Produces the end (once; a poll sees the same) and PUTs each output, as xAI does with Content-Type. */
    private void upload(SimRequest request, List<String> urls, Fault fault) {
        try {
            request.end(() -> request.video() ? videoEnd(request) : imageEnd(request, true));
            List<Blob> outputs = request.produced();
            for (int i = 0; i < outputs.size() && i < urls.size(); i++) {
                put(urls.get(i), outputs.get(i), fault);
            }
        } catch (RuntimeException e) {
            ledger.upload("broken", 0);
        } finally {
            request.uploadPending(false);
        }
    }

    private void put(String url, Blob blob, Fault fault) {
        String target = fault == Fault.UPLOAD_REFUSED ? tampered(url) : url;
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(target).toURL().openConnection();
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            connection.setRequestProperty("Content-Type", blob.contentType());
            connection.setFixedLengthStreamingMode(blob.bytes().length);
            try (OutputStream out = connection.getOutputStream()) {
                if (fault == Fault.UPLOAD_CUT_OFF) {
                    out.write(blob.bytes(), 0, blob.bytes().length / 2);
                    out.flush();
                    connection.disconnect(); // the rest never comes
                    ledger.upload("broken", 0);
                    return;
                }
                out.write(blob.bytes());
            }
            int status = connection.getResponseCode();
            ledger.upload(status / 100 == 2 ? "uploaded" : "refused", blob.bytes().length);
        } catch (IOException e) {
            // S3 sometimes answers a refused PUT by closing the connection: a refusal all the same.
            ledger.upload(fault == null ? "broken" : "refused", 0);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** The URL with one character of its signature changed: S3 must refuse it. */
    private static String tampered(String url) {
        int at = url.indexOf("X-Amz-Signature=");
        if (at < 0) {
            return url + (url.contains("?") ? "&" : "?") + "X-Amz-Signature=0";
        }
        int i = at + "X-Amz-Signature=".length();
        char c = url.charAt(i);
        return url.substring(0, i) + (c == '0' ? '1' : '0') + url.substring(i + 1);
    }

    private static SimReply started(SimRequest request) {
        return SimReply.json(200, SimReply.JSON.createObjectNode().put("request_id", request.id));
    }

    private static SimReply moderated(String message, long ticks) {
        ObjectNode root = SimReply.JSON
                .createObjectNode()
                .put("code", "imagine:content-moderated")
                .put("error", message);
        root.putObject("usage").put("cost_in_usd_ticks", ticks);
        return SimReply.json(400, root);
    }

    private void store(ObjectNode item, SimRequest r, int index, String mime, byte[] bytes, Integer seconds) {
        JsonNode storage = present(r.body.get("storage_options"));
        if (storage == null) {
            return;
        }
        String name = storage.get("filename").asText();
        if (r.count > 1) {
            int dot = name.lastIndexOf('.');
            name = dot > 0
                    ? name.substring(0, dot) + "-" + (index + 1) + name.substring(dot)
                    : name + "-" + (index + 1);
        }
        item.set("file_output", files.persist(storage, name, mime, bytes, seconds));
        item.putNull("storage_error");
    }

    private String ephemeral(String mime, byte[] bytes) {
        String token = UUID.randomUUID().toString();
        media.put(token, new Blob(mime, bytes));
        return baseUrl.get() + "/sim/media/" + token + "." + SimMedia.extension(mime);
    }

    private static String prompt(JsonNode body, SimModels.Model model, boolean required) {
        String prompt = text(body, "prompt");
        if (prompt == null || prompt.isBlank()) {
            if (required) {
                throw SimError.invalid("prompt is required");
            }
            return prompt == null ? "" : prompt;
        }
        if (prompt.length() > model.maxPromptLength()) {
            throw SimError.invalid("prompt is " + prompt.length() + " characters; " + model.id() + " takes at most "
                    + model.maxPromptLength());
        }
        return prompt;
    }

    private static int imageCount(JsonNode body) {
        int n = body.hasNonNull("n") ? body.get("n").asInt() : 1;
        if (n < 1 || n > 10) {
            throw SimError.invalid("n must be between 1 and 10");
        }
        return n;
    }

    private static void checkImageDelivery(JsonNode body, int n) {
        String format =
                body.hasNonNull("response_format") ? body.get("response_format").asText() : "url";
        if (!format.equals("url") && !format.equals("b64_json")) {
            throw SimError.invalid("response_format must be url or b64_json");
        }
        if (body.path("deferred").asBoolean(false) && !format.equals("url")) {
            throw SimError.invalid("deferred requests need response_format url");
        }
        JsonNode output = present(body.get("output"));
        if (output != null && output.path("upload_urls").size() != n) {
            throw SimError.invalid("output.upload_urls needs one URL per image (" + n + ")");
        }
    }

    /** xAI's rules for an ImageUrl: exactly one of url and file_id; https or an image data URI; a stored image. */
    private void checkImage(JsonNode ref, String field) {
        String url = ref == null ? null : text(ref, "url") != null ? text(ref, "url") : text(ref, "image_url");
        String fileId = exactlyOne(ref, url, field);
        if (fileId != null) {
            SimFile file = stored(fileId, field);
            if (!file.image()) {
                throw SimError.invalid(field + ": file " + fileId + " is " + file.contentType()
                        + ", not an image (PNG, JPEG or WebP)");
            }
            return;
        }
        if (url.startsWith("data:")) {
            var m = IMAGE_DATA.matcher(url);
            if (!m.matches()) {
                throw SimError.invalid(field + ": a data URI must be data:image/(png|jpeg|webp);base64,...");
            }
            byte[] bytes = decode(m.group(2), field);
            String sniffed = SimMedia.sniff(bytes);
            if (sniffed == null || !sniffed.startsWith("image/")) {
                throw SimError.invalid(field + ": the data URI does not hold a PNG, JPEG or WebP image");
            }
            return;
        }
        checkHttps(url, field);
    }

    /** xAI's rules for a VideoUrl; returns the input's length in seconds where the simulator knows it. */
    private int checkVideo(JsonNode ref, String field) {
        String url = ref == null ? null : text(ref, "url");
        String fileId = exactlyOne(ref, url, field);
        if (fileId != null) {
            SimFile file = stored(fileId, field);
            if (!file.video()) {
                throw SimError.invalid(field + ": file " + fileId + " is " + file.contentType() + ", not an MP4 video");
            }
            return file.durationSeconds() == null ? UNKNOWN_VIDEO_SECONDS : file.durationSeconds();
        }
        if (url.startsWith("data:")) {
            var m = VIDEO_DATA.matcher(url);
            if (!m.matches() || !"video/mp4".equals(SimMedia.sniff(decode(m.group(1), field)))) {
                throw SimError.invalid(field + ": a data URI must hold an MP4 (data:video/mp4;base64,...)");
            }
            return UNKNOWN_VIDEO_SECONDS;
        }
        checkHttps(url, field);
        String path = url.replaceFirst("[?#].*$", "");
        if (!path.toLowerCase().endsWith(".mp4")) {
            throw SimError.invalid(field + ": a video URL must point at an .mp4 file");
        }
        return UNKNOWN_VIDEO_SECONDS;
    }

    /** xAI's ImageUrl and VideoUrl take exactly one of url and file_id; returns the file id, or null for a URL. */
    private static String exactlyOne(JsonNode ref, String url, String field) {
        String fileId = ref == null ? null : text(ref, "file_id");
        if ((url == null) == (fileId == null)) {
            throw SimError.invalid(field + ": give exactly one of url and file_id");
        }
        return fileId;
    }

    private SimFile stored(String fileId, String field) {
        SimFile file = files.find(fileId);
        if (file == null) {
            throw SimError.invalid(field + ": file " + fileId + " not found");
        }
        return file;
    }

    private static void checkHttps(String url, String field) {
        if (!url.startsWith("https://") || url.length() <= "https://".length()) {
            throw SimError.invalid(field + ": only https URLs and base64 data URIs are accepted");
        }
    }

    private static byte[] decode(String base64, String field) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw SimError.invalid(field + ": the data URI is not valid base64");
        }
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
