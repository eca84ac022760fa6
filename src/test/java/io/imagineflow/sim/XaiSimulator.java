package io.imagineflow.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A stateful stand-in for xAI's Imagine and Files API on a loopback port: all 18 operations, every JSON body
 * checked against xAI's OpenAPI document (422 naming the field) and against the rules the document leaves to
 * prose (400), deferred generations that go from pending to an end, stored outputs, real media, fault injection,
 * and a ledger of what was asked and billed. Start it in-process with {@link #start}, or as a process with
 * {@link XaiSimulatorMain}.
 */
public final class XaiSimulator implements AutoCloseable {

    private static final int EXCHANGES_KEPT = 20_000;

    private final HttpServer server;
    private final ExecutorService workers;
    private final OpenApiContract contract = new OpenApiContract();
    private final Ledger ledger = new Ledger();
    private final Deque<SimExchange> exchanges = new ArrayDeque<>();
    private final Faults faults;
    private final SimLimits limits = new SimLimits();
    /** Prompts of the starts held by {@link Fault#STALLED_AFTER_ACCEPT}, not yet reported. */
    private final Queue<String> stalled = new ConcurrentLinkedQueue<>();

    private final SimFiles files;
    private final SimGenerations generations;
    private volatile SimulatorOptions options;

    private XaiSimulator(SimulatorOptions options, int port) throws IOException {
        this.options = options;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "xai-simulator");
            t.setDaemon(true);
            return t;
        });
        Clock clock = Clock.systemUTC();
        this.faults = new Faults(options);
        this.files = new SimFiles(this::baseUrl, clock, options);
        this.generations = new SimGenerations(files, ledger, this::baseUrl, clock, options);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on a free loopback port. */
    public static XaiSimulator start(SimulatorOptions options) {
        return start(options, 0);
    }

    public static XaiSimulator start(SimulatorOptions options, int port) {
        try {
            return new XaiSimulator(options, port);
        } catch (IOException e) {
            throw new IllegalStateException("the xAI simulator could not listen on port " + port, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Ledger ledger() {
        return ledger;
    }

    public OpenApiContract contract() {
        return contract;
    }

    public SimulatorOptions options() {
        return options;
    }

    /** Changes the behaviour of a running simulator (timings, fault rate, key, limits). */
    public void configure(SimulatorOptions next) {
        this.options = next;
        faults.configure(next);
        files.configure(next);
        generations.configure(next);
    }

    /** The next {@code times} requests to {@code route} (any route when null) get {@code fault}. */
    public void inject(Fault fault, Route route, int times) {
        faults.schedule(fault, route, times);
    }

    /**
     * Holds each file of {@code dir} from the start, under its name's stem as the id ({@code file_example_clip.mp4}
     * becomes {@code file_example_clip}), so that examples can name inputs by {@code file_id}.
     */
    public void preload(Path dir) {
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                String name = path.getFileName().toString();
                byte[] bytes = Files.readAllBytes(path);
                String type = SimMedia.sniff(bytes);
                if (type == null) {
                    throw new IllegalArgumentException(path + " is neither a PNG, JPEG, WebP image nor an MP4 video");
                }
                files.preload(name.replaceFirst("\\.[^.]+$", ""), name, type, bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not preload the files of " + dir, e);
        }
    }

    /** Forgets files, requests, scheduled faults, the ledger and the exchange log. */
    public void reset() {
        faults.clear();
        limits.clear();
        files.clear();
        generations.clear();
        ledger.clear();
        stalled.clear();
        synchronized (exchanges) {
            exchanges.clear();
        }
    }

    public List<SimExchange> exchanges() {
        synchronized (exchanges) {
            return new ArrayList<>(exchanges);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        generations.close();
    }

    // --- dispatch -----------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/sim/")) {
                send(exchange, control(method, path, body));
                return;
            }
            Route.Match match = Route.match(method, path);
            if (match == null) {
                send(exchange, SimReply.error(SimError.notFound("No route for " + method + " " + path)));
                return;
            }
            Route route = match.route();
            ledger.request(route);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            SimReply refused = authorize(exchange.getRequestHeaders().getFirst("Authorization"));
            if (refused == null) {
                refused = rateLimited(route, body);
            }
            Fault fault = refused == null ? faults.draw(route, method, path, body) : null;
            if (fault != null) {
                ledger.fault(fault);
            }
            SimReply reply = refused != null ? refused : before(fault, route);
            if (reply == null) {
                reply = answer(match, exchange.getRequestURI().getRawQuery(), contentType, body, fault);
                reply = after(fault, reply, body);
            }
            log(new SimExchange(
                    route,
                    method,
                    path,
                    contentType,
                    jsonText(contentType, body),
                    reply.status(),
                    reply.contentType(),
                    jsonText(reply.contentType(), reply.body()),
                    fault));
            send(exchange, reply);
        }
    }

    /** Over the model's rate limit (when limits are on): 429 with Retry-After, as xAI answers. */
    private SimReply rateLimited(Route route, byte[] body) {
        String model = null;
        if (route.generation()) {
            try {
                JsonNode request = SimReply.JSON.readTree(body);
                model = request != null && request.path("model").isTextual()
                        ? request.get("model").asText()
                        : null;
            } catch (IOException notJson) {
                // Not JSON: the route's default model is counted, and the request is refused as it would be anyway.
            }
        }
        long retryAfter = limits.take(route, model, System.nanoTime());
        if (retryAfter == 0) {
            return null;
        }
        return SimReply.error(new SimError(
                        429, "Some resource has been exhausted", "Too many requests for " + route.operationId))
                .withHeader("Retry-After", String.valueOf(retryAfter));
    }

    /** Per-model rate limits on ({@code models}: requests per second by model; the others video 1, image 5). */
    public void limit(boolean on, Map<String, Double> models, boolean countPolls) {
        limits.configure(on, models, countPolls);
    }

    /** 429s answered by the rate limits, per operation. */
    public Map<String, Long> rateLimited() {
        return limits.throttled();
    }

    /** Faults that strike before anything is processed. */
    private SimReply before(Fault fault, Route route) {
        if (fault == null) {
            return null;
        }
        return switch (fault) {
            case THROTTLED ->
                SimReply.error(new SimError(
                                429, "Some resource has been exhausted", "Too many requests for " + route.operationId))
                        .withHeader("Retry-After", String.valueOf(options.retryAfterSeconds()));
            case SERVER_ERROR -> SimReply.error(new SimError(500, "internal", "Internal server error"));
            // xAI's gateway answers in the bare {"error": "..."} shape.
            case UNAVAILABLE ->
                SimReply.json(503, SimReply.JSON.createObjectNode().put("error", "Service temporarily unavailable"));
            case DROPPED_CONNECTION -> throw new DropConnection();
            default -> null;
        };
    }

    /** Faults that strike after the request was processed: the work is done, the answer is lost. */
    private SimReply after(Fault fault, SimReply reply, byte[] body) {
        if (fault == Fault.MALFORMED_BODY) {
            return reply.malformed();
        }
        if (fault == Fault.STALLED_AFTER_ACCEPT && reply.status() == 200) {
            stalled.add(promptOf(body));
        }
        if (fault == Fault.SLOW_RESPONSE || fault == Fault.STALLED_AFTER_ACCEPT) {
            try {
                Thread.sleep(options.slowResponse().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return reply;
    }

    private static String promptOf(byte[] body) {
        try {
            return SimReply.JSON.readTree(body).path("prompt").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private SimReply authorize(String header) {
        String expected = options.apiKey();
        boolean ok = header != null
                && header.startsWith("Bearer ")
                && header.length() > 7
                && (expected == null || header.substring(7).equals(expected));
        if (ok) {
            return null;
        }
        // The auth layer answers in the OpenAI-style {"error": {...}} shape.
        ObjectNode root = SimReply.JSON.createObjectNode();
        root.putObject("error")
                .put("message", header == null ? "Missing Authorization header" : "Incorrect API key provided")
                .put("type", "invalid_request_error")
                .put("code", "invalid_api_key");
        return SimReply.json(401, root);
    }

    private SimReply answer(Route.Match match, String rawQuery, String contentType, byte[] body, Fault fault) {
        try {
            Route route = match.route();
            JsonNode json = null;
            if (route.requestSchema != null) {
                json = readJson(contentType, body);
                List<String> violations = contract.violations(route.requestSchema, json);
                if (!violations.isEmpty()) {
                    throw SimError.unprocessable(String.join("; ", violations));
                }
            }
            SimCall call = new SimCall(route, match.parameter(), query(rawQuery), contentType, body, json);
            return switch (route) {
                case GENERATE_IMAGE -> generations.generateImage(call, fault);
                case EDIT_IMAGE -> generations.editImage(call, fault);
                case GET_IMAGE -> generations.imageStatus(call.parameter(), fault);
                case GENERATE_VIDEO -> generations.generateVideo(call, fault);
                case EDIT_VIDEO -> generations.editVideo(call, fault);
                case EXTEND_VIDEO -> generations.extendVideo(call, fault);
                case GET_VIDEO -> generations.videoStatus(call.parameter(), fault);
                case LIST_IMAGE_MODELS -> SimReply.json(200, SimModels.list(false));
                case GET_IMAGE_MODEL -> SimReply.json(200, SimModels.get(call.parameter(), false));
                case LIST_VIDEO_MODELS -> SimReply.json(200, SimModels.list(true));
                case GET_VIDEO_MODEL -> SimReply.json(200, SimModels.get(call.parameter(), true));
                case UPLOAD_FILE -> files.upload(call);
                case LIST_FILES -> files.list(call);
                case RETRIEVE_FILE -> files.retrieve(call.parameter());
                case DELETE_FILE -> files.delete(call.parameter());
                case FILE_CONTENT -> files.content(call.parameter(), call.query("format"));
                case CREATE_PUBLIC_URL -> files.createPublicUrl(call.parameter(), json);
                case REVOKE_PUBLIC_URL -> files.revoke(call.parameter());
            };
        } catch (SimError e) {
            return SimReply.error(e);
        }
    }

    private static JsonNode readJson(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json") || body.length == 0) {
            throw new SimError(
                    415, "unsupported-media-type", "Expected a JSON body with Content-Type: application/json");
        }
        try {
            return SimReply.JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw SimError.invalid("Failed to parse the request body as JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw SimError.invalid("Failed to read the request body");
        }
    }

    private SimReply control(String method, String path, byte[] body) {
        try {
            if (method.equals("GET") && path.startsWith("/sim/media/")) {
                String token = path.substring("/sim/media/".length()).replaceFirst("\\.[a-z0-9]+$", "");
                SimGenerations.Blob blob = generations.media(token);
                if (blob == null) {
                    throw SimError.notFound("no such media");
                }
                ledger.mediaServed(path, blob.bytes().length);
                return SimReply.bytes(blob.contentType(), blob.bytes());
            }
            if (method.equals("GET") && path.startsWith("/sim/public/")) {
                String[] parts = path.split("/");
                SimFile file = parts.length >= 4 ? files.publicFile(parts[3]) : null;
                if (file == null) {
                    throw SimError.notFound("this public URL does not exist or has expired");
                }
                return SimReply.bytes(file.contentType(), file.bytes());
            }
            if (method.equals("GET") && path.equals("/sim/stats")) {
                ObjectNode stats = SimReply.JSON.valueToTree(ledger.snapshot());
                stats.set("rateLimited", SimReply.JSON.valueToTree(limits.throttled()));
                return SimReply.json(200, stats);
            }
            if (method.equals("GET") && path.equals("/sim/stalled")) {
                // Each stalled start once, so that a caller polling this acts on each once.
                ArrayNode prompts = SimReply.JSON.createArrayNode();
                for (String prompt; (prompt = stalled.poll()) != null; ) {
                    prompts.add(prompt);
                }
                return SimReply.json(200, SimReply.JSON.createObjectNode().set("prompts", prompts));
            }
            if (method.equals("POST") && path.equals("/sim/faults")) {
                JsonNode req = SimReply.JSON.readTree(body);
                Route route = req.hasNonNull("operation")
                        ? Route.BY_OPERATION.get(req.get("operation").asText())
                        : null;
                inject(
                        Fault.valueOf(req.path("fault").asText()),
                        route,
                        req.path("times").asInt(1));
                return SimReply.empty(204);
            }
            if (method.equals("POST") && path.equals("/sim/limits")) {
                limits.configure(SimReply.JSON.readTree(body));
                return SimReply.empty(204);
            }
            if (method.equals("POST") && path.equals("/sim/reset")) {
                reset();
                return SimReply.empty(204);
            }
            throw SimError.notFound("No route for " + method + " " + path);
        } catch (SimError e) {
            return SimReply.error(e);
        } catch (IOException | IllegalArgumentException e) {
            return SimReply.error(SimError.invalid(String.valueOf(e.getMessage())));
        }
    }

    private void log(SimExchange exchange) {
        synchronized (exchanges) {
            if (exchanges.size() == EXCHANGES_KEPT) {
                exchanges.removeFirst();
            }
            exchanges.addLast(exchange);
        }
    }

    private static void send(HttpExchange exchange, SimReply reply) throws IOException {
        try {
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (IOException clientGone) {
            // The client stopped waiting (a slow answer, by design): nothing left to tell it.
        }
    }

    private static String jsonText(String contentType, byte[] body) {
        return contentType != null && contentType.startsWith("application/json") && body.length > 0
                ? new String(body, StandardCharsets.UTF_8)
                : null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    /** Thrown out of the handler so that the HTTP server closes the connection without an answer. */
    private static final class DropConnection extends RuntimeException {
        DropConnection() {
            super("dropped by fault injection", null, false, false);
        }
    }
}
