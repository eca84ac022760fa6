package io.imagineflow.ops;

/** Where metric lines go: standard output in Lambda (CloudWatch Logs reads them there). */
public interface MetricSink {

    void write(String line);
}
