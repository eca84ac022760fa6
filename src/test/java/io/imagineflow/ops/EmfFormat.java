package io.imagineflow.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of CloudWatch's embedded metric format (the specification in the CloudWatch user guide: the
 * {@code _aws} metadata, metric directives, dimension sets, names, units and their limits), and this project's
 * own on top: one namespace, and each metric with the unit and dimension sets of its {@link Metric}. A line
 * that breaks a format rule is dropped by CloudWatch without a word, so every rule is checked here.
 */
public final class EmfFormat {

    /** The units CloudWatch accepts (MetricDatum Unit). */
    static final Set<String> UNITS = Set.of(
            "Seconds",
            "Microseconds",
            "Milliseconds",
            "Bytes",
            "Kilobytes",
            "Megabytes",
            "Gigabytes",
            "Terabytes",
            "Bits",
            "Kilobits",
            "Megabits",
            "Gigabits",
            "Terabits",
            "Percent",
            "Count",
            "Bytes/Second",
            "Kilobytes/Second",
            "Megabytes/Second",
            "Gigabytes/Second",
            "Terabytes/Second",
            "Bits/Second",
            "Kilobits/Second",
            "Megabits/Second",
            "Gigabits/Second",
            "Terabits/Second",
            "Count/Second",
            "None");

    private EmfFormat() {}

    /** Every problem of the line, empty when it is a valid metric line of this project. */
    public static List<String> problems(String line) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = RecordedMetrics.read(line);
        } catch (AssertionError e) {
            return List.of("not JSON");
        }
        if (!root.isObject()) {
            return List.of("not a JSON object");
        }
        JsonNode aws = root.path("_aws");
        if (!aws.isObject()) {
            return List.of("no _aws object");
        }
        JsonNode timestamp = aws.path("Timestamp");
        if (!timestamp.isIntegralNumber() || timestamp.asLong() <= 0) {
            problems.add("_aws.Timestamp is not a positive integer of milliseconds");
        }
        JsonNode directives = aws.path("CloudWatchMetrics");
        if (!directives.isArray() || directives.isEmpty()) {
            problems.add("_aws.CloudWatchMetrics is not a non-empty array");
            return problems;
        }
        for (JsonNode directive : directives) {
            checkDirective(root, directive, problems);
        }
        return problems;
    }

    private static void checkDirective(JsonNode root, JsonNode directive, List<String> problems) {
        String namespace = directive.path("Namespace").asText("");
        if (!directive.path("Namespace").isTextual() || namespace.isBlank() || namespace.length() > 255) {
            problems.add("Namespace must be a string of 1 to 255 characters");
        }
        if (!Metrics.NAMESPACE.equals(namespace)) {
            problems.add("Namespace " + namespace + " is not " + Metrics.NAMESPACE);
        }
        List<List<String>> sets = new ArrayList<>();
        JsonNode dimensions = directive.path("Dimensions");
        if (!dimensions.isArray()) {
            problems.add("Dimensions is not an array");
        } else {
            for (JsonNode set : dimensions) {
                sets.add(dimensionSet(root, set, problems));
            }
        }
        JsonNode metrics = directive.path("Metrics");
        if (!metrics.isArray() || metrics.isEmpty() || metrics.size() > 100) {
            problems.add("Metrics must be an array of 1 to 100 definitions");
            return;
        }
        Set<String> names = new HashSet<>();
        for (JsonNode definition : metrics) {
            String name = definition.path("Name").asText("");
            if (!definition.path("Name").isTextual() || name.isEmpty() || name.length() > 255) {
                problems.add("a metric Name must be a string of 1 to 255 characters");
                continue;
            }
            if (!names.add(name)) {
                problems.add(name + " is defined twice");
            }
            String unit = definition.path("Unit").asText("None");
            if (!UNITS.contains(unit)) {
                problems.add(name + ": unit " + unit + " is not a CloudWatch unit");
            }
            JsonNode resolution = definition.path("StorageResolution");
            if (!resolution.isMissingNode() && resolution.asInt() != 1 && resolution.asInt() != 60) {
                problems.add(name + ": StorageResolution must be 1 or 60");
            }
            checkValue(name, root.path(name), problems);
            Metric known = known(name);
            if (known == null) {
                problems.add(name + " is not in the catalogue (ops/Metric)");
            } else {
                if (!known.unit().toString().equals(unit)) {
                    problems.add(name + ": unit " + unit + ", the catalogue says " + known.unit());
                }
                if (!new HashSet<>(known.dimensionSets()).equals(new HashSet<>(sets))) {
                    problems.add(name + ": dimension sets " + sets + ", the catalogue says " + known.dimensionSets());
                }
            }
        }
    }

    private static List<String> dimensionSet(JsonNode root, JsonNode set, List<String> problems) {
        List<String> names = new ArrayList<>();
        if (!set.isArray() || set.size() > 30) {
            problems.add("a dimension set must be an array of at most 30 names");
            return names;
        }
        for (JsonNode dimension : set) {
            String name = dimension.asText("");
            if (!dimension.isTextual() || name.isBlank() || name.length() > 255 || name.startsWith(":")) {
                problems.add("dimension name '" + name + "' is not 1 to 255 characters not starting with ':'");
            }
            JsonNode value = root.path(name);
            if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > 1024) {
                problems.add("dimension " + name + " has no string value of 1 to 1,024 characters at the top level");
            } else if (!value.asText().matches("[\\x20-\\x7e]+")
                    || value.asText().startsWith(":")) {
                problems.add("dimension " + name + " has a value that is not printable ASCII or starts with ':'");
            }
            names.add(name);
        }
        return names;
    }

    private static void checkValue(String name, JsonNode value, List<String> problems) {
        if (value.isNumber()) {
            return;
        }
        if (value.isArray() && !value.isEmpty() && value.size() <= 100) {
            for (JsonNode item : value) {
                if (!item.isNumber()) {
                    problems.add(name + ": a value of its array is not a number");
                }
            }
            return;
        }
        problems.add(name + " has no number (or array of up to 100 numbers) at the top level");
    }

    private static Metric known(String name) {
        for (Metric metric : Metric.values()) {
            if (metric.metricName().equals(name)) {
                return metric;
            }
        }
        return null;
    }
}
