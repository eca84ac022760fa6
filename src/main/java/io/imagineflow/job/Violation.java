package io.imagineflow.job;

/** One broken rule of a job request: the field (a JSON path such as {@code inputs.images[1]}) and the rule. */
public record Violation(String field, String rule) {

    @Override
    public String toString() {
        return field + ": " + rule;
    }
}
