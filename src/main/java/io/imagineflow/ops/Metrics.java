package io.imagineflow.ops;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes CloudWatch embedded metric format lines: one line per event, which CloudWatch Logs turns into the
 * {@link Metric}s it names, with the job's fields ({@link LogContext}) as properties so that a figure leads back
 * to its job. AWS's own library ({@code aws-embedded-metrics}) makes the lines; it binds its model with Jackson
 * annotations, so the model and its serializers are registered for reflection here (by name: they are not public) for the native executable.
 * A metric that cannot be written is logged and dropped: no job fails over its figures.
 */
@ApplicationScoped
@RegisterForReflection(
        classNames = {
            "software.amazon.cloudwatchlogs.emf.model.RootNode",
            "software.amazon.cloudwatchlogs.emf.model.Metadata",
            "software.amazon.cloudwatchlogs.emf.model.MetricDirective",
            "software.amazon.cloudwatchlogs.emf.model.MetricDefinition",
            "software.amazon.cloudwatchlogs.emf.model.DimensionSet",
            "software.amazon.cloudwatchlogs.emf.serializers.InstantSerializer",
            "software.amazon.cloudwatchlogs.emf.serializers.InstantDeserializer",
            "software.amazon.cloudwatchlogs.emf.serializers.UnitSerializer",
            "software.amazon.cloudwatchlogs.emf.serializers.UnitDeserializer",
            "software.amazon.cloudwatchlogs.emf.serializers.StorageResolutionSerializer",
            "software.amazon.cloudwatchlogs.emf.serializers.StorageResolutionFilter"
        })
public class Metrics {

    public static final String NAMESPACE = "ImagineFlow";
    /** A dimension whose value is not known (a job refused before its model was read). */
    static final String UNKNOWN = "unknown";

    private static final Logger LOG = Logger.getLogger(Metrics.class);

    private final LineEnvironment environment;
    private final String function;

    @Inject
    Metrics(MetricSink sink, @ConfigProperty(name = "quarkus.funqy.export") Optional<String> function) {
        this(sink, function.orElse(UNKNOWN));
    }

    /** For tests outside CDI. */
    public Metrics(MetricSink sink, String function) {
        this.environment = new LineEnvironment(sink, function);
        this.function = function;
    }

    /** One metric, with the values of its dimensions (those not given are {@value #UNKNOWN}). */
    public void put(Metric metric, double value, Map<String, String> dimensions) {
        put(Map.of(metric, value), dimensions);
    }

    /** Several metrics on one line: they must share their dimension sets. */
    public void put(Map<Metric, Double> values, Map<String, String> dimensions) {
        if (values.isEmpty()) {
            return;
        }
        List<List<String>> sets = values.keySet().iterator().next().dimensionSets();
        for (Metric metric : values.keySet()) {
            if (!metric.dimensionSets().equals(sets)) {
                throw new IllegalArgumentException(metric + " does not share the dimension sets of " + values.keySet());
            }
        }
        try {
            MetricsLogger logger = new MetricsLogger(environment);
            logger.setNamespace(NAMESPACE);
            logger.setDimensions(false, dimensionSets(sets, dimensions));
            // Metric order is fixed by the enum, so two lines of the same event read alike.
            values.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> logger.putMetric(
                            e.getKey().metricName(), e.getValue(), e.getKey().unit()));
            logger.putProperty("function", function);
            LogContext.fields().forEach(logger::putProperty);
            logger.flush();
        } catch (RuntimeException e) {
            LOG.warnf("metrics %s not written: %s", values.keySet(), e.toString());
        }
    }

    private static DimensionSet[] dimensionSets(List<List<String>> sets, Map<String, String> dimensions) {
        DimensionSet[] result = new DimensionSet[sets.size()];
        for (int i = 0; i < sets.size(); i++) {
            DimensionSet set = new DimensionSet();
            for (String name : sets.get(i)) {
                set.addDimension(name, dimensionValue(dimensions.get(name)));
            }
            result[i] = set;
        }
        return result;
    }

    /** CloudWatch takes printable ASCII, not starting with a colon, up to 1,024 characters. */
    static String dimensionValue(String value) {
        if (value == null || value.isBlank()) {
            return UNKNOWN;
        }
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        if (printable.startsWith(":")) {
            printable = "?" + printable.substring(1);
        }
        return printable.length() > 250 ? printable.substring(0, 250) : printable;
    }
}
