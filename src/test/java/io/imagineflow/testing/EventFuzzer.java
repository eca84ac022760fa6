package io.imagineflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Seeded events for the fuzz test and {@code bench/fuzz}: random JSON trees; the example events of
 * {@code infra/events} with one field mutated, cut off, re-encoded or given a key twice; and envelopes nesting
 * each other. The same seed gives the same events. Text is written by hand where a mapper would refuse or tidy
 * what is under test (depth, duplicate keys, huge numbers, broken bytes).
 */
public final class EventFuzzer {

    /** How an event was made: the fuzz report counts outcomes by it. */
    public enum Kind {
        RANDOM_TREE,
        MUTATED,
        DUPLICATE_KEY,
        TRUNCATED,
        REENCODED,
        NESTED,
        VALID
    }

    public record Fuzzed(Kind kind, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern FIRST_KEY = Pattern.compile("\\{\"((?:[^\"\\\\]|\\\\.)*)\":");
    private static final String[] ODD_TEXT = {
        "",
        " ",
        "\u0000",
        "\ud800",
        "\u202e",
        "😀",
        "../../etc/passwd",
        "data:image/png;base64,!!!",
        "file_",
        "s3://",
        "https://",
        "file:///etc/passwd",
        "%00",
        "\\",
        "\"",
        "image_generate",
        "video_edit",
        "1:1",
        "720p",
        "null",
        "{}",
        "[]",
        "true"
    };
    private static final String[] ODD_NUMBERS = {
        "0", "-1", "1e309", "-0", "1.5", "99999999999999999999", "1e-400", "3.4028236e38"
    };

    private final Random random;
    private final ObjectMapper json;
    private final List<JsonNode> seeds;

    public EventFuzzer(long seed, ObjectMapper json, Path eventsDir) {
        this.random = new Random(seed);
        this.json = json;
        this.seeds = load(eventsDir, json);
    }

    private static List<JsonNode> load(Path dir, ObjectMapper json) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<JsonNode> loaded = new ArrayList<>();
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                loaded.add(json.readTree(file.toFile()));
            }
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Fuzzed next() {
        int roll = random.nextInt(100);
        if (roll < 20) {
            return new Fuzzed(Kind.RANDOM_TREE, utf8(randomTree(random.nextInt(40) + 1)));
        }
        if (roll < 50) {
            return new Fuzzed(Kind.MUTATED, utf8(write(mutate(fresh(seed())))));
        }
        if (roll < 60) {
            return new Fuzzed(Kind.DUPLICATE_KEY, utf8(duplicateKey(write(fresh(seed())))));
        }
        if (roll < 68) {
            String text = write(fresh(seed()));
            return new Fuzzed(Kind.TRUNCATED, utf8(text.substring(0, random.nextInt(text.length()))));
        }
        if (roll < 76) {
            return new Fuzzed(Kind.REENCODED, reencode(write(fresh(seed()))));
        }
        if (roll < 92) {
            JsonNode inner = random.nextBoolean() ? fresh(seed()) : mutate(fresh(seed()));
            return new Fuzzed(Kind.NESTED, utf8(write(nest(inner, random.nextInt(4) + 1))));
        }
        return new Fuzzed(Kind.VALID, utf8(write(fresh(seed()))));
    }

    private JsonNode seed() {
        return seeds.get(random.nextInt(seeds.size())).deepCopy();
    }

    /**
     * The event with new delivery ids (EventBridge id, SQS message id, API request id, CloudEvent id, S3
     * sequencer) and a unique prompt, so that two fuzzed events never claim the same job with different
     * requests: each stands alone, as a new event from the outside does.
     */
    private JsonNode fresh(JsonNode event) {
        String unique = Long.toHexString(random.nextLong());
        walkObjects(event, o -> {
            for (String id :
                    new String[] {"id", "messageId", "requestId", "sequencer", "idempotency_key", "Idempotency-Key"}) {
                if (o.path(id).isTextual()) {
                    o.put(id, o.path(id).asText() + "-" + unique);
                } else if (o.path(id).isArray()) {
                    o.putArray(id).add(o.path(id).path(0).asText() + "-" + unique);
                }
            }
            if (o.path("prompt").isTextual()) {
                o.put("prompt", o.path("prompt").asText() + " #" + unique);
            }
            if (o.path("body").isTextual() && o.path("body").asText().startsWith("{")) {
                try {
                    o.put("body", write(fresh(json.readTree(o.path("body").asText()))));
                } catch (IOException notJson) {
                    // Left as it is.
                }
            }
        });
        return event;
    }

    private interface ObjectVisitor {
        void visit(ObjectNode object);
    }

    private static void walkObjects(JsonNode node, ObjectVisitor visitor) {
        if (node instanceof ObjectNode object) {
            visitor.visit(object);
            List<JsonNode> children = new ArrayList<>();
            object.elements().forEachRemaining(children::add);
            children.forEach(c -> walkObjects(c, visitor));
        } else if (node instanceof ArrayNode array) {
            array.forEach(c -> walkObjects(c, visitor));
        }
    }

    /** One field of the tree, anywhere, deleted, replaced or joined by a new one. */
    private JsonNode mutate(JsonNode event) {
        List<ObjectNode> objects = new ArrayList<>();
        walkObjects(event, objects::add);
        if (objects.isEmpty()) {
            return randomNode(3);
        }
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() ? "operation" : names.get(random.nextInt(names.size()));
        switch (random.nextInt(5)) {
            case 0 -> target.remove(name);
            case 1 -> target.set(name, randomNode(random.nextInt(3)));
            case 2 -> target.set(randomText(), randomNode(2));
            case 3 -> target.set(name, TextNode.valueOf(ODD_TEXT[random.nextInt(ODD_TEXT.length)]));
            default -> target.set(name, deep(random.nextInt(60) + 1));
        }
        return event;
    }

    private static JsonNode deep(int depth) {
        JsonNode node = NODES.arrayNode();
        for (int i = 1; i < depth; i++) {
            node = NODES.arrayNode().add(node);
        }
        return node;
    }

    /** The same text with one object's first key written twice: a mapper can never write that. */
    private String duplicateKey(String text) {
        List<Integer> starts = new ArrayList<>();
        Matcher m = FIRST_KEY.matcher(text);
        while (m.find()) {
            starts.add(m.start());
        }
        if (starts.isEmpty()) {
            return text;
        }
        m = FIRST_KEY.matcher(text);
        m.find(starts.get(random.nextInt(starts.size())));
        String key = m.group(1);
        return text.substring(0, m.start() + 1) + "\"" + key + "\":" + randomNode(1) + ","
                + text.substring(m.start() + 1);
    }

    private byte[] reencode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(4)) {
            case 0 -> {
                return text.getBytes(StandardCharsets.UTF_16LE);
            }
            case 1 -> {
                byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
                byte[] out = new byte[bytes.length + 3];
                System.arraycopy(bom, 0, out, 0, 3);
                System.arraycopy(bytes, 0, out, 3, bytes.length);
                return out;
            }
            case 2 -> {
                bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
                return bytes;
            }
            default -> {
                return text.replace("e", "é").getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** The event as the body or payload of other envelopes, {@code levels} deep. */
    private JsonNode nest(JsonNode inner, int levels) {
        JsonNode event = inner;
        for (int i = 0; i < levels; i++) {
            String unique = UUID.nameUUIDFromBytes(
                            Long.toString(random.nextLong()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            ObjectNode outer = NODES.objectNode();
            switch (random.nextInt(5)) {
                case 0 -> {
                    ObjectNode record = outer.putArray("Records").addObject();
                    record.put("messageId", unique)
                            .put("eventSource", "aws:sqs")
                            .put("body", write(event));
                }
                case 1 -> {
                    ObjectNode record = NODES.objectNode()
                            .put("messageId", unique)
                            .put("eventSource", "aws:sqs")
                            .put("body", write(event));
                    event = NODES.arrayNode().add(record);
                    continue;
                }
                case 2 ->
                    outer.put("version", "2.0")
                            .put("routeKey", "POST /jobs")
                            .put("body", write(event))
                            .putObject("requestContext")
                            .put("requestId", unique);
                case 3 ->
                    outer.put("specversion", "1.0")
                            .put("id", unique)
                            .put("source", "fuzz")
                            .put("type", "io.imagineflow.job.requested")
                            .set("data", event);
                default ->
                    outer.put("id", unique)
                            .put("source", "fuzz")
                            .put("detail-type", "Imagine Job Requested")
                            .set("detail", event);
            }
            event = outer;
        }
        return event;
    }

    private JsonNode randomNode(int depth) {
        int roll = random.nextInt(depth <= 0 ? 6 : 8);
        return switch (roll) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(2000) - 1000);
            case 3 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40)));
            case 4, 5 ->
                TextNode.valueOf(random.nextBoolean() ? randomText() : ODD_TEXT[random.nextInt(ODD_TEXT.length)]);
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomNode(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(random.nextBoolean() ? randomText() : pick(), randomNode(depth - 1));
                }
                yield object;
            }
        };
    }

    private String pick() {
        String[] names = {
            "operation",
            "prompt",
            "inputs",
            "options",
            "storage",
            "tags",
            "user",
            "idempotency_key",
            "Records",
            "detail",
            "detail-type",
            "specversion",
            "body",
            "requestContext",
            "image",
            "images",
            "video",
            "n",
            "duration",
            "filename"
        };
        return names[random.nextInt(names.length)];
    }

    private String randomText() {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int kind = random.nextInt(10);
            out.appendCodePoint(
                    kind < 7
                            ? 'a' + random.nextInt(26)
                            : kind < 9 ? random.nextInt(0x30) : 0x400 + random.nextInt(0x2000));
        }
        return out.toString();
    }

    /** A random JSON text, written by hand: any depth, huge numbers, keys that repeat. */
    private String randomTree(int budget) {
        StringBuilder out = new StringBuilder();
        int roll = random.nextInt(10);
        if (roll == 0) {
            int depth = 1 + random.nextInt(2000);
            return "{\"operation\":\"image_generate\",\"prompt\":\"x\",\"tags\":" + "[".repeat(depth)
                    + "]".repeat(depth) + "}";
        }
        if (roll == 1) {
            return "{\"operation\":\"image_generate\",\"prompt\":\"x\",\"options\":{\"n\":"
                    + "9".repeat(1 + random.nextInt(12_000)) + "}}";
        }
        writeRandom(out, budget);
        return out.toString();
    }

    private void writeRandom(StringBuilder out, int budget) {
        if (budget <= 0) {
            out.append(ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)]);
            return;
        }
        switch (random.nextInt(4)) {
            case 0 -> {
                out.append('{');
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 ? "" : ",")
                            .append(TextNode.valueOf(random.nextInt(6) == 0 ? "operation" : pick()))
                            .append(':');
                    writeRandom(out, budget / (n + 1) - 1);
                }
                out.append('}');
            }
            case 1 -> {
                out.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 ? "" : ",");
                    writeRandom(out, budget / (n + 1) - 1);
                }
                out.append(']');
            }
            case 2 -> out.append(TextNode.valueOf(ODD_TEXT[random.nextInt(ODD_TEXT.length)]));
            default -> out.append(ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)]);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
