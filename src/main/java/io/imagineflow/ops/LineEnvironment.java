package io.imagineflow.ops;

import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

import java.util.concurrent.CompletableFuture;

/**
 * The library's environment, fixed: it would otherwise probe for one (the EC2 metadata service among them) and
 * add default dimensions (service name, type, log group) that multiply the custom metrics billed. Each context
 * serializes to one or more lines (over 100 metrics it splits), written to the sink.
 */
final class LineEnvironment implements Environment, ISink {

    private final MetricSink sink;
    private final String function;

    LineEnvironment(MetricSink sink, String function) {
        this.sink = sink;
        this.function = function;
    }

    @Override
    public boolean probe() {
        return true;
    }

    @Override
    public String getName() {
        return function;
    }

    @Override
    public String getType() {
        return "AWS::Lambda::Function";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function;
    }

    @Override
    public void configureContext(MetricsContext context) {
        // Nothing: the dimensions are set by Metrics, and the function is a property.
    }

    @Override
    public ISink getSink() {
        return this;
    }

    @Override
    public void accept(MetricsContext context) {
        try {
            context.serialize().forEach(sink::write);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a metric line could not be serialized", e);
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return CompletableFuture.completedFuture(null);
    }
}
