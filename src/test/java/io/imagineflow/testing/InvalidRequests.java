package io.imagineflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bad input corpus: job requests in {@code requests/invalid.json} and hostile events (of every kind, some not
 * even JSON) in {@code requests/hostile-events.json}, each with the field its error must name and a phrase of the
 * rule. {@code {{PAD n}}} stands for n base64 characters, so an oversized input is not stored.
 */
public final class InvalidRequests {

    public record Case(String name, String request, String field, String rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A hostile event: {@code body} is what the function is sent, JSON or not ({@code json}). */
    public record Hostile(String name, String body, boolean json, String field, String rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pattern PAD = Pattern.compile("\\{\\{PAD (\\d+)}}");

    private InvalidRequests() {}

    public static List<Case> all() {
        List<Case> all = new ArrayList<>();
        for (JsonNode c : corpus("requests/invalid.json")) {
            all.add(new Case(
                    c.get("name").asText(),
                    expand(c.get("request").toString()),
                    c.get("field").asText(),
                    c.get("rule").asText()));
        }
        return all;
    }

    public static List<Hostile> hostileEvents() {
        List<Hostile> all = new ArrayList<>();
        for (JsonNode c : corpus("requests/hostile-events.json")) {
            boolean raw = c.has("raw");
            all.add(new Hostile(
                    c.get("name").asText(),
                    expand(raw ? c.get("raw").asText() : c.get("event").toString()),
                    !raw || isJson(c.get("raw").asText()),
                    c.get("field").asText(),
                    c.get("rule").asText()));
        }
        return all;
    }

    private static JsonNode corpus(String resource) {
        try {
            return new ObjectMapper().readTree(Fixtures.text(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isJson(String text) {
        try {
            new ObjectMapper().readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String expand(String json) {
        Matcher m = PAD.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "A".repeat(Integer.parseInt(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
