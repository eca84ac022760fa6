package io.imagineflow.ops;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Each metric line on standard output, as a line of its own: CloudWatch Logs reads embedded metrics only from a
 * line that is the JSON object itself, so they cannot go through the JSON log format, which would wrap them.
 */
@ApplicationScoped
@DefaultBean
public class StdoutMetricSink implements MetricSink {

    @Override
    public void write(String line) {
        System.out.println(line);
    }
}
