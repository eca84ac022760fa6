package io.imagineflow.xai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * xAI's error bodies come in three shapes, and this reads all of them:
 * flat {@code {"code","error"[,"usage"]}} (Imagine), OpenAI-style {@code {"error":{"message","code",...}}},
 * and bare {@code {"error":"..."}}. Anything else (HTML from a proxy, an empty body) becomes the message.
 * {@code cutOff} marks a body that began as JSON and does not parse: cut off on the way.
 */
record XaiErrorBody(String code, String message, Long costInUsdTicks, boolean cutOff) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 500;

    static XaiErrorBody parse(String body) {
        if (body == null || body.isBlank()) {
            return new XaiErrorBody(null, null, null, false);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception notJson) {
            return new XaiErrorBody(null, clip(body.strip()), null, body.strip().startsWith("{"));
        }
        if (root == null || !root.isObject()) {
            return new XaiErrorBody(null, clip(body.strip()), null, false);
        }
        JsonNode error = root.get("error");
        String code = text(root.get("code"));
        String message;
        if (error != null && error.isObject()) {
            message = text(error.get("message"));
            code = code != null ? code : text(error.get("code"));
        } else {
            message = text(error);
        }
        if (message == null) {
            message = text(root.get("message"));
        }
        JsonNode ticks = root.path("usage").get("cost_in_usd_ticks");
        Long cost = ticks != null && ticks.canConvertToLong() ? ticks.asLong() : null;
        return new XaiErrorBody(code, clip(message), cost, false);
    }

    boolean moderated() {
        return code != null && code.contains("content-moderated");
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
