package io.imagineflow.job;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code webhook} of a request: {@code {"url": "https://...", "events": ["completed", "progress"]}}. The URL
 * follows {@link OutboundUrls} as far as it can be known before a lookup; its addresses are checked again at
 * each delivery. {@code events} defaults to {@code ["completed"]}.
 */
final class WebhookRules {

    private static final Set<String> KNOWN = Set.of("url", "events");

    private final OutboundUrls urls;

    WebhookRules(OutboundUrls urls) {
        this.urls = urls;
    }

    WebhookSpec read(JsonNode request, String path, Fields fields) {
        String at = Fields.at(path, "webhook");
        JsonNode node = fields.object(request, "webhook", path);
        if (node == null) {
            return null;
        }
        fields.onlyKnown(node, at, KNOWN);
        String text = fields.string(node, "url", at);
        URI url = null;
        if (text == null) {
            if (!node.has("url") || node.get("url").isNull()) {
                fields.fail(Fields.at(at, "url"), "is required (an https URL)");
            }
        } else {
            try {
                url = new URI(text);
                Optional<String> problem = urls.problem(url);
                if (problem.isPresent()) {
                    fields.fail(Fields.at(at, "url"), problem.get());
                    url = null;
                }
            } catch (URISyntaxException e) {
                fields.fail(Fields.at(at, "url"), "is not a URL (" + e.getReason() + ")");
            }
        }
        List<String> events = null;
        JsonNode given = fields.array(node, "events", at);
        if (given != null) {
            events = new ArrayList<>();
            for (JsonNode event : given) {
                if (!event.isTextual() || !WebhookSpec.EVENTS.contains(event.textValue())) {
                    fields.fail(Fields.at(at, "events"), "each event must be one of " + WebhookSpec.EVENTS);
                } else if (events.contains(event.textValue())) {
                    fields.fail(Fields.at(at, "events"), "names " + event.textValue() + " twice");
                } else {
                    events.add(event.textValue());
                }
            }
            if (given.isEmpty()) {
                fields.fail(Fields.at(at, "events"), "must name at least one event of " + WebhookSpec.EVENTS);
            }
        }
        return url == null ? null : new WebhookSpec(url, events);
    }
}
