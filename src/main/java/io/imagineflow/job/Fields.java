package io.imagineflow.job;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads typed values out of a JSON object while collecting every broken rule, so one answer names all the
 * fields to fix instead of the first one only. Paths are JSON-ish: {@code options.n}, {@code inputs.images[1]}.
 */
final class Fields {

    private final List<Violation> violations = new ArrayList<>();

    void fail(String field, String rule) {
        violations.add(new Violation(field, rule));
    }

    List<Violation> violations() {
        return violations;
    }

    void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new JobInvalid(violations);
        }
    }

    static String at(String path, String field) {
        return Violation.at(path, field);
    }

    /** Unknown fields are refused: a typo such as {@code aspectratio} must not be silently ignored. */
    void onlyKnown(JsonNode object, String path, Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                fail(
                        at(path, name),
                        "unknown field (expected one of "
                                + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    String string(JsonNode object, String name, String path) {
        JsonNode value = typed(object, name, path, JsonNode::isTextual, "must be a string");
        return value == null ? null : value.textValue();
    }

    Integer integer(JsonNode object, String name, String path) {
        JsonNode value =
                typed(object, name, path, v -> v.isIntegralNumber() && v.canConvertToInt(), "must be an integer");
        return value == null ? null : value.intValue();
    }

    Long longValue(JsonNode object, String name, String path) {
        JsonNode value =
                typed(object, name, path, v -> v.isIntegralNumber() && v.canConvertToLong(), "must be an integer");
        return value == null ? null : value.longValue();
    }

    JsonNode object(JsonNode object, String name, String path) {
        return typed(object, name, path, JsonNode::isObject, "must be an object");
    }

    JsonNode array(JsonNode object, String name, String path) {
        return typed(object, name, path, JsonNode::isArray, "must be an array");
    }

    /** The field's value if it has the right type; null when absent, or (noted as a violation) of another type. */
    private JsonNode typed(JsonNode object, String name, String path, Predicate<JsonNode> type, String rule) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!type.test(value)) {
            fail(at(path, name), rule);
            return null;
        }
        return value;
    }

    void range(String field, Integer value, long min, long max) {
        if (value != null) {
            range(field, value.longValue(), min, max);
        }
    }

    void range(String field, Long value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            fail(field, "must be between " + min + " and " + max + " (was " + value + ")");
        }
    }

    void oneOf(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            fail(field, "must be one of " + String.join(", ", allowed) + " (was \"" + value + "\")");
        }
    }

    void absent(String field, Object value, String why) {
        if (value != null) {
            fail(field, why);
        }
    }
}
