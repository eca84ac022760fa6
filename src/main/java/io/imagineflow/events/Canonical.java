package io.imagineflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * JSON written with object keys sorted, so that the same request written in another order hashes the same. The
 * walk keeps its own stack: it also names (by hash) events too deep for any recursive writer.
 */
final class Canonical {

    private Canonical() {}

    static String json(JsonNode node) {
        StringBuilder out = new StringBuilder();
        // Each entry is a node still to write, or a piece of punctuation (a String) to append.
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(node == null ? "null" : node);
        while (!todo.isEmpty()) {
            Object next = todo.pop();
            if (next instanceof String text) {
                out.append(text);
            } else if (next instanceof JsonNode n && n.isObject()) {
                List<String> names = new ArrayList<>();
                n.fieldNames().forEachRemaining(names::add);
                Collections.sort(names);
                todo.push("}");
                for (int i = names.size() - 1; i >= 0; i--) {
                    todo.push(n.get(names.get(i)));
                    todo.push((i == 0 ? "" : ",") + TextNode.valueOf(names.get(i)) + ":");
                }
                todo.push("{");
            } else if (next instanceof JsonNode n && n.isArray()) {
                todo.push("]");
                for (int i = n.size() - 1; i >= 0; i--) {
                    todo.push(n.get(i));
                    if (i > 0) {
                        todo.push(",");
                    }
                }
                todo.push("[");
            } else {
                out.append(next);
            }
        }
        return out.toString();
    }
}
