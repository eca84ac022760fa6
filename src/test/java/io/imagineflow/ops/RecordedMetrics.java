package io.imagineflow.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** Metric lines kept in memory, in order, and read back as JSON. */
public class RecordedMetrics implements MetricSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void write(String line) {
        lines.add(line);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines that carry metric {@code name}. */
    public List<JsonNode> withMetric(String name) {
        return lines().stream()
                .map(RecordedMetrics::read)
                .filter(n -> n.has(name))
                .toList();
    }

    public synchronized void clear() {
        lines.clear();
    }

    public static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
