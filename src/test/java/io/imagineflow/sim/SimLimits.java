package io.imagineflow.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * xAI's per-model rate limits, as the simulator enforces them: a token bucket per model that holds one second of
 * its limit (at least one request) and refills at the limit, so a model limited to 1 request per second takes one
 * request in any second and a second one only after it. A request beyond gets 429 with {@code Retry-After} (whole
 * seconds, as xAI sends it) until the bucket has a token again. Generation requests always count; status polls
 * only when {@code countPolls} is on, since xAI does not document whether they do. Off until configured.
 */
final class SimLimits {

    /** The published figures this simulator defaults to when limits are on: video 1, image 5 requests a second. */
    static final double VIDEO_RPS = 1;

    static final double IMAGE_RPS = 5;

    private record Settings(boolean on, Map<String, Double> models, double image, double video, boolean countPolls) {}

    private Settings settings = new Settings(false, Map.of(), IMAGE_RPS, VIDEO_RPS, false);
    private final Map<String, double[]> buckets = new HashMap<>();
    private final Map<String, Long> throttled = new TreeMap<>();

    /** {@code {"on": true, "image": 5, "video": 1, "models": {"grok-imagine-video": 1}, "countPolls": false}}. */
    synchronized void configure(JsonNode body) {
        Map<String, Double> models = new HashMap<>();
        body.path("models")
                .fields()
                .forEachRemaining(e -> models.put(e.getKey(), e.getValue().asDouble()));
        settings = new Settings(
                body.path("on").asBoolean(true),
                Map.copyOf(models),
                body.path("image").asDouble(IMAGE_RPS),
                body.path("video").asDouble(VIDEO_RPS),
                body.path("countPolls").asBoolean(false));
        buckets.clear();
    }

    synchronized void configure(boolean on, Map<String, Double> models, boolean countPolls) {
        settings = new Settings(on, Map.copyOf(models), IMAGE_RPS, VIDEO_RPS, countPolls);
        buckets.clear();
    }

    /**
     * Takes a token for a request to {@code route} for {@code model} (null: the route's default model) at
     * {@code nowNanos}; answers the seconds to wait when there is none, or 0 when the request may go on.
     */
    synchronized long take(Route route, String model, long nowNanos) {
        if (!settings.on() || !(route.generation() || (route.poll() && settings.countPolls()))) {
            return 0;
        }
        String name = model != null ? model : route.video() ? "grok-imagine-video" : "grok-imagine-image";
        double rps = settings.models().getOrDefault(name, route.video() ? settings.video() : settings.image());
        if (rps <= 0) {
            return 0; // a limit of 0 in the simulator means none (a paused model is the governor's business)
        }
        double capacity = Math.max(1, rps);
        double[] bucket = buckets.computeIfAbsent(name, n -> new double[] {capacity, nowNanos});
        bucket[0] = Math.min(capacity, bucket[0] + (nowNanos - bucket[1]) / 1e9 * rps);
        bucket[1] = nowNanos;
        if (bucket[0] >= 1) {
            bucket[0] -= 1;
            return 0;
        }
        throttled.merge(route.operationId, 1L, Long::sum);
        return Math.max(1, (long) Math.ceil((1 - bucket[0]) / rps));
    }

    /** 429s answered by the limits, per operation. */
    synchronized Map<String, Long> throttled() {
        return new TreeMap<>(throttled);
    }

    synchronized void clear() {
        buckets.clear();
        throttled.clear();
    }
}
