package io.imagineflow.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/** The models the simulator serves, with xAI's ids and aliases. */
final class SimModels {

    record Model(String id, boolean video, long maxPromptLength, List<String> aliases) {}

    static final long IMAGE_PROMPT_LIMIT = 1024;
    static final long VIDEO_PROMPT_LIMIT = 4096;

    private static final List<Model> MODELS = List.of(
            new Model("grok-imagine-image", false, IMAGE_PROMPT_LIMIT, List.of()),
            new Model("grok-imagine-image-quality", false, IMAGE_PROMPT_LIMIT, List.of("grok-imagine-image-pro")),
            new Model("grok-imagine-image-2.0", false, IMAGE_PROMPT_LIMIT, List.of()),
            new Model("grok-imagine-video", true, VIDEO_PROMPT_LIMIT, List.of()),
            new Model(
                    "grok-imagine-video-1.5",
                    true,
                    VIDEO_PROMPT_LIMIT,
                    List.of("grok-imagine-video-1.5-preview", "grok-imagine-video-1.5-2026-05-30")));

    private static final Map<Boolean, String> DEFAULTS =
            Map.of(false, "grok-imagine-image", true, "grok-imagine-video");

    private SimModels() {}

    /** The model a request names (by id or alias), the default when it names none, or a 404 as xAI answers. */
    static Model resolve(String requested, boolean video) {
        String name = requested == null || requested.isBlank() ? DEFAULTS.get(video) : requested;
        for (Model m : MODELS) {
            if (m.id().equals(name) || m.aliases().contains(name)) {
                if (m.video() != video) {
                    throw SimError.invalid("The model " + name + " is " + (m.video() ? "a video" : "an image")
                            + " model and is not available on this endpoint");
                }
                return m;
            }
        }
        throw SimError.notFound("The model " + name + " does not exist or your team does not have access to it.");
    }

    static ObjectNode list(boolean video) {
        ObjectNode root = SimReply.JSON.createObjectNode();
        ArrayNode models = root.putArray("models");
        MODELS.stream().filter(m -> m.video() == video).forEach(m -> models.add(describe(m)));
        return root;
    }

    static ObjectNode get(String id, boolean video) {
        for (Model m : MODELS) {
            if (m.video() == video && (m.id().equals(id) || m.aliases().contains(id))) {
                return describe(m);
            }
        }
        throw SimError.notFound("The model " + id + " does not exist or your team does not have access to it.");
    }

    private static ObjectNode describe(Model m) {
        ObjectNode node = SimReply.JSON.createObjectNode();
        node.put("id", m.id())
                .put("fingerprint", "fp_" + Integer.toHexString(m.id().hashCode()))
                .put("created", 1_750_000_000L)
                .put("object", "model")
                .put("owned_by", "xai")
                .put("version", "1.0");
        node.putArray("input_modalities").add("text").add("image");
        node.putArray("output_modalities").add(m.video() ? "video" : "image");
        ArrayNode aliases = node.putArray("aliases");
        m.aliases().forEach(aliases::add);
        if (!m.video()) {
            long price = Prices.image(m.id(), 1, 0);
            node.put("max_prompt_length", m.maxPromptLength()).put("image_price", price);
            ArrayNode pricing = node.putArray("pricing");
            pricing.addObject().put("quality", "medium").put("resolution", "1k").put("price_per_image", price);
        }
        return node;
    }
}
