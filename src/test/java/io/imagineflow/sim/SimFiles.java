package io.imagineflow.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** xAI Files as the simulator keeps them: in memory, with expiry and public URLs. */
final class SimFiles {

    static final long MIN_TTL = 3600;
    static final long MAX_TTL = 2_592_000;

    private final Map<String, SimFile> files = new LinkedHashMap<>();
    private final Map<String, String> publicTokens = new LinkedHashMap<>();
    private final Supplier<String> baseUrl;
    private final Clock clock;
    private volatile SimulatorOptions options;

    SimFiles(Supplier<String> baseUrl, Clock clock, SimulatorOptions options) {
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.options = options;
    }

    void configure(SimulatorOptions options) {
        this.options = options;
    }

    synchronized void clear() {
        files.clear();
        publicTokens.clear();
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    synchronized SimFile store(
            String filename, String contentType, byte[] bytes, Long expiresAfter, Integer durationSeconds) {
        String id = "file_" + UUID.randomUUID();
        SimFile file = new SimFile(
                id,
                filename,
                contentType,
                bytes,
                now(),
                expiresAfter == null ? null : now() + expiresAfter,
                null,
                null,
                durationSeconds);
        files.put(id, file);
        return file;
    }

    /** A file that exists from the start under a chosen id, as files a user uploaded earlier do. */
    synchronized SimFile preload(String id, String filename, String contentType, byte[] bytes) {
        SimFile file = new SimFile(id, filename, contentType, bytes, now(), null, null, null, null);
        files.put(id, file);
        return file;
    }

    /** The live file with this id, or null when it never existed, was deleted or has expired. */
    synchronized SimFile find(String id) {
        SimFile file = files.get(id);
        return file == null || file.expired(now()) ? null : file;
    }

    SimFile require(String id) {
        SimFile file = find(id);
        if (file == null) {
            throw SimError.notFound("File " + id + " not found");
        }
        return file;
    }

    // --- endpoints ---------------------------------------------------------------------------------------

    SimReply upload(SimCall call) {
        if (call.body().length > options.maxUploadBytes() + 64 * 1024) {
            throw new SimError(
                    413,
                    "payload-too-large",
                    "File exceeds the maximum size of " + options.maxUploadBytes() + " bytes");
        }
        List<Multipart.Part> parts;
        try {
            parts = Multipart.parse(call.contentType(), call.body());
        } catch (IllegalArgumentException e) {
            throw SimError.invalid(e.getMessage());
        }
        Long ttl = null;
        Multipart.Part file = null;
        for (Multipart.Part part : parts) {
            if ("expires_after".equals(part.name()) || "expires_after[seconds]".equals(part.name())) {
                if (file != null) {
                    throw SimError.invalid("expires_after must come before the file part");
                }
                ttl = parseTtl(part.text());
            } else if ("file".equals(part.name())) {
                file = part;
            }
        }
        if (file == null) {
            throw SimError.invalid("the file part is required");
        }
        if (file.body().length > options.maxUploadBytes()) {
            throw new SimError(
                    413,
                    "payload-too-large",
                    "File exceeds the maximum size of " + options.maxUploadBytes() + " bytes");
        }
        String filename = checkFilename(file.filename(), "file");
        String sniffed = SimMedia.sniff(file.body());
        String type = sniffed != null
                ? sniffed
                : file.contentType() == null ? "application/octet-stream" : file.contentType();
        return SimReply.json(200, describe(store(filename, type, file.body(), ttl, null)));
    }

    SimReply list(SimCall call) {
        int limit = intParam(call.query("limit"), 100, "limit");
        if (limit < 1 || limit > 100) {
            throw SimError.invalid("limit must be between 1 and 100");
        }
        String order = call.query().getOrDefault("order", "desc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw SimError.invalid("order must be asc or desc");
        }
        Comparator<SimFile> by = switch (call.query().getOrDefault("sort_by", "created_at")) {
            case "created_at" -> Comparator.comparingLong(SimFile::createdAt);
            case "filename" -> Comparator.comparing(SimFile::filename);
            case "size" -> Comparator.comparingLong(f -> f.bytes().length);
            default -> throw SimError.invalid("sort_by must be created_at, filename or size");
        };
        List<SimFile> sorted;
        synchronized (this) {
            sorted = new ArrayList<>(
                    files.values().stream().filter(f -> !f.expired(now())).toList());
        }
        // A stable sort: files that tie keep their upload order, so pages never shuffle them.
        sorted.sort(order.equals("asc") ? by : by.reversed());
        Predicate<SimFile> filter = FileFilter.parse(call.query("filter"));
        List<SimFile> matching = sorted.stream().filter(filter).toList();
        int start = 0;
        String token = call.query("pagination_token");
        if (token != null && !token.isEmpty()) {
            start = decodeToken(token);
        } else if (call.query("after") != null) {
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).id().equals(call.query("after"))) {
                    start = i + 1;
                }
            }
        }
        int end = Math.min(matching.size(), start + limit);
        ObjectNode root = SimReply.JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        matching.subList(Math.min(start, end), end).forEach(f -> data.add(describe(f)));
        if (end < matching.size() || options.tokenOnLastPage()) {
            root.put(
                    "pagination_token",
                    Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(("o:" + end).getBytes(StandardCharsets.UTF_8)));
        }
        return SimReply.json(200, root);
    }

    SimReply retrieve(String id) {
        return SimReply.json(200, describe(require(id)));
    }

    SimReply delete(String id) {
        synchronized (this) {
            SimFile file = require(id);
            files.remove(file.id());
            if (file.publicToken() != null) {
                publicTokens.remove(file.publicToken());
            }
        }
        return SimReply.json(
                200,
                SimReply.JSON
                        .createObjectNode()
                        .put("id", id)
                        .put("deleted", true)
                        .put("object", "file"));
    }

    SimReply content(String id, String format) {
        SimFile file = require(id);
        if (format != null && !format.equals("original") && !format.equals("text")) {
            throw SimError.unprocessable("format must be original or text");
        }
        if ("text".equals(format)) {
            throw SimError.invalid("text extraction is not supported for " + file.contentType());
        }
        return SimReply.bytes("application/octet-stream", file.bytes());
    }

    SimReply createPublicUrl(String id, JsonNode body) {
        synchronized (this) {
            SimFile file = require(id);
            Long expiresAfter = body != null && body.hasNonNull("expires_after")
                    ? body.get("expires_after").asLong()
                    : null;
            return SimReply.json(200, publish(file, expiresAfter));
        }
    }

    SimReply revoke(String id) {
        synchronized (this) {
            SimFile file = require(id);
            ObjectNode root = SimReply.JSON.createObjectNode().put("id", id);
            if (file.publicToken() == null) {
                return SimReply.json(200, root.put("revoked", false));
            }
            String url = publicUrl(file);
            publicTokens.remove(file.publicToken());
            files.put(id, file.withPublicUrl(null, null));
            return SimReply.json(200, root.put("revoked", true).put("public_url", url));
        }
    }

    /** The bytes behind a public URL, or null once it is revoked or expired. */
    synchronized SimFile publicFile(String token) {
        String id = publicTokens.get(token);
        SimFile file = id == null ? null : find(id);
        if (file == null || (file.publicUrlExpiresAt() != null && file.publicUrlExpiresAt() <= now())) {
            return null;
        }
        return file;
    }

    // --- storage_options on generations -------------------------------------------------------------------

    /** Checks {@code storage_options} before a generation is accepted, as xAI refuses a bad one up front. */
    static void checkStorageOptions(JsonNode storage) {
        if (storage == null || storage.isNull()) {
            return;
        }
        checkFilename(storage.path("filename").asText(null), "storage_options.filename");
        if (storage.hasNonNull("expires_after")) {
            long ttl = storage.get("expires_after").asLong();
            if (ttl < 1 || ttl > MAX_TTL) {
                throw SimError.invalid("storage_options.expires_after must be between 1 and " + MAX_TTL);
            }
        }
        JsonNode pub = storage.get("public_url");
        if (pub != null && pub.isObject() && pub.hasNonNull("expires_after")) {
            long ttl = pub.get("expires_after").asLong();
            if (ttl < MIN_TTL || ttl > MAX_TTL) {
                throw SimError.invalid(
                        "storage_options.public_url.expires_after must be between " + MIN_TTL + " and " + MAX_TTL);
            }
        }
    }

    /** Stores a generated output as {@code storage_options} asks and returns xAI's {@code file_output}. */
    synchronized ObjectNode persist(
            JsonNode storage, String filename, String contentType, byte[] bytes, Integer durationSeconds) {
        Long ttl = storage.hasNonNull("expires_after")
                ? storage.get("expires_after").asLong()
                : null;
        SimFile file = store(filename, contentType, bytes, ttl, durationSeconds);
        ObjectNode output =
                SimReply.JSON.createObjectNode().put("file_id", file.id()).put("filename", filename);
        if (file.expiresAt() != null) {
            output.put("expires_at", file.expiresAt());
        }
        JsonNode pub = storage.get("public_url");
        boolean wantsPublic = pub != null && (pub.isObject() || pub.asBoolean(false));
        if (wantsPublic) {
            Long publicTtl = pub.isObject() && pub.hasNonNull("expires_after")
                    ? pub.get("expires_after").asLong()
                    : null;
            try {
                ObjectNode published = publish(file, publicTtl);
                output.put("public_url", published.get("public_url").asText());
                if (published.hasNonNull("expires_at")) {
                    output.put(
                            "public_url_expires_at", published.get("expires_at").asLong());
                }
            } catch (SimError e) {
                output.put("public_url_error", e.getMessage()); // the file is stored all the same
            }
        }
        return output;
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private ObjectNode publish(SimFile file, Long expiresAfter) {
        if (!file.image() && !file.video() && !file.contentType().equals("application/pdf")) {
            throw SimError.invalid("public URLs are only available for images, videos and PDFs");
        }
        if (expiresAfter != null) {
            if (expiresAfter < MIN_TTL || expiresAfter > MAX_TTL) {
                throw SimError.invalid("expires_after must be between " + MIN_TTL + " and " + MAX_TTL);
            }
            if (file.expiresAt() != null && now() + expiresAfter > file.expiresAt()) {
                throw SimError.invalid("expires_after is longer than the file's remaining life");
            }
        }
        SimFile current = files.get(file.id());
        if (current.publicToken() == null) {
            Long until = expiresAfter != null ? Long.valueOf(now() + expiresAfter) : current.expiresAt();
            current = current.withPublicUrl(UUID.randomUUID().toString().replace("-", ""), until);
            files.put(current.id(), current);
            publicTokens.put(current.publicToken(), current.id());
        }
        ObjectNode root = SimReply.JSON.createObjectNode().put("public_url", publicUrl(current));
        if (current.publicUrlExpiresAt() != null) {
            root.put("expires_at", current.publicUrlExpiresAt());
        }
        return root;
    }

    private String publicUrl(SimFile file) {
        return baseUrl.get() + "/sim/public/" + file.publicToken() + "/" + file.id() + "."
                + SimMedia.extension(file.contentType());
    }

    ObjectNode describe(SimFile file) {
        ObjectNode node = SimReply.JSON
                .createObjectNode()
                .put("id", file.id())
                .put("object", "file")
                .put("bytes", file.bytes().length)
                .put("created_at", file.createdAt())
                .put("filename", file.filename())
                .put("purpose", "");
        if (file.expiresAt() == null) {
            node.putNull("expires_at");
        } else {
            node.put("expires_at", file.expiresAt());
        }
        if (file.publicToken() != null) {
            node.put("public_url", publicUrl(file));
            if (file.publicUrlExpiresAt() != null) {
                node.put("public_url_expires_at", file.publicUrlExpiresAt());
            }
        }
        return node;
    }

    private static long parseTtl(String text) {
        long ttl;
        try {
            ttl = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw SimError.invalid("expires_after must be a number of seconds");
        }
        if (ttl < MIN_TTL || ttl > MAX_TTL) {
            throw SimError.invalid("expires_after must be between " + MIN_TTL + " and " + MAX_TTL);
        }
        return ttl;
    }

    private static final Pattern BAD_FILENAME = Pattern.compile("[\\p{Cntrl}\u0085\u2028\u2029\";\\\\]");

    static String checkFilename(String filename, String field) {
        if (filename == null || filename.isBlank()) {
            throw SimError.invalid(field + " needs a filename");
        }
        if (filename.length() > 255) {
            throw SimError.invalid(field + ": a filename is at most 255 characters");
        }
        Matcher bad = BAD_FILENAME.matcher(filename);
        if (bad.find()) {
            throw SimError.invalid(field + ": a filename may not contain control characters, '\"', ';' or '\\'");
        }
        return filename;
    }

    private static int intParam(String text, int fallback, String name) {
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw SimError.invalid(name + " must be a number");
        }
    }

    private static int decodeToken(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith("o:")) {
                throw new IllegalArgumentException();
            }
            return Integer.parseInt(text.substring(2));
        } catch (IllegalArgumentException e) {
            throw SimError.invalid("pagination_token is not valid");
        }
    }
}
