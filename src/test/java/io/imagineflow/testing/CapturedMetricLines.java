package io.imagineflow.testing;

import io.imagineflow.ops.EmfFormat;
import io.imagineflow.ops.MetricSink;
import io.imagineflow.ops.RecordedMetrics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * In every {@code @QuarkusTest}, the functions' metric lines are kept here (and not printed), so that each
 * function's test can check the lines its runs wrote against the format ({@link #checkLinesOf}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CapturedMetricLines implements MetricSink {

    private static final RecordedMetrics LINES = new RecordedMetrics();

    @Override
    public void write(String line) {
        LINES.write(line);
    }

    /** Every line written by {@code function} so far is a valid metric line, and there is at least one. */
    public static void checkLinesOf(String function) {
        List<String> lines = LINES.lines().stream()
                .filter(line -> function.equals(
                        RecordedMetrics.read(line).path("function").asText()))
                .toList();
        assertFalse(lines.isEmpty(), "the " + function + " function wrote no metric line");
        for (String line : lines) {
            assertEquals(List.of(), EmfFormat.problems(line), line);
        }
    }
}
