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
 * The corpus of bad job requests in {@code requests/invalid.json}: each with the field its error must name and
 * a phrase of the rule. {@code {{PAD n}}} stands for n base64 characters, so an oversized input is not stored.
 */
public final class InvalidRequests {

    public record Case(String name, String request, String field, String rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pattern PAD = Pattern.compile("\\{\\{PAD (\\d+)}}");

    private InvalidRequests() {
    }

    public static List<Case> all() {
        try {
            JsonNode cases = new ObjectMapper().readTree(Fixtures.text("requests/invalid.json"));
            List<Case> all = new ArrayList<>();
            for (JsonNode c : cases) {
                all.add(new Case(c.get("name").asText(), expand(c.get("request").toString()), c.get("field").asText(),
                        c.get("rule").asText()));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
