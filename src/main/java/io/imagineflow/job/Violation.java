package io.imagineflow.job;

import com.fasterxml.jackson.databind.node.TextNode;

import java.util.regex.Pattern;

/** One broken rule of a job request: the field (a JSON path such as {@code inputs.images[1]}) and the rule. */
public record Violation(String field, String rule) {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$-]+");

    /**
     * The path of {@code name} inside {@code path}: {@code options.n}; a name that is not plain (empty, with a dot
     * or a space, say) is quoted, {@code tags["a.b"]}, so that a path always says which field it is.
     */
    public static String at(String path, String name) {
        if (!PLAIN_NAME.matcher(name).matches()) {
            return (path.isEmpty() ? "event" : path) + "[" + TextNode.valueOf(name) + "]";
        }
        return path.isEmpty() ? name : path + "." + name;
    }

    @Override
    public String toString() {
        return field + ": " + rule;
    }
}
