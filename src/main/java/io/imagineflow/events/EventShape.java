package io.imagineflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.Violation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The bounds every event keeps, whatever its kind: far above any real event (an API Gateway event nests five
 * levels, a job request four), and low enough that nothing after this check (hashing, measuring, reading) meets a
 * tree it cannot walk. The walk is iterative, so the check itself never runs out of stack on a hostile tree.
 */
final class EventShape {

    static final int MAX_DEPTH = 32;
    static final int MAX_KEYS = 256;
    static final int MAX_KEY_LENGTH = 1024;
    static final int MAX_NUMBER_LENGTH = 40;

    private EventShape() {}

    private record At(JsonNode node, String path, int depth) {}

    /** Refuses the first node of {@code event} that breaks a bound, naming it by its path below {@code field}. */
    static void check(JsonNode event, String field) {
        Violation broken = broken(event, field);
        if (broken != null) {
            throw new JobInvalid(List.of(broken));
        }
    }

    /** Whether {@code event} keeps every bound. */
    static boolean fits(JsonNode event) {
        return broken(event, "event") == null;
    }

    private static Violation broken(JsonNode event, String field) {
        Deque<At> pending = new ArrayDeque<>();
        pending.push(new At(event, field, 1));
        while (!pending.isEmpty()) {
            At at = pending.pop();
            JsonNode node = at.node();
            if (node == null) {
                continue;
            }
            if (node.isContainerNode() && at.depth() > MAX_DEPTH) {
                return new Violation(at.path(), "nests deeper than " + MAX_DEPTH + " levels");
            }
            if (node.isObject()) {
                if (node.size() > MAX_KEYS) {
                    return new Violation(
                            at.path(),
                            "has " + node.size() + " keys, more than the " + MAX_KEYS + " one object may have");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().length() > MAX_KEY_LENGTH) {
                        return new Violation(
                                at.path(),
                                "has a key of " + e.getKey().length() + " characters, more than " + MAX_KEY_LENGTH);
                    }
                    pending.push(new At(e.getValue(), Violation.at(at.path(), e.getKey()), at.depth() + 1));
                }
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    pending.push(new At(node.get(i), at.path() + "[" + i + "]", at.depth() + 1));
                }
            } else if (node.isNumber()) {
                int digits = digits(node);
                if (digits > MAX_NUMBER_LENGTH) {
                    return new Violation(
                            at.path(),
                            "is a number of " + digits + " characters, more than the " + MAX_NUMBER_LENGTH
                                    + " any field takes");
                }
            }
        }
        return null;
    }

    private static int digits(JsonNode number) {
        return number.isBigInteger() || number.isBigDecimal() ? number.asText().length() : 0;
    }
}
