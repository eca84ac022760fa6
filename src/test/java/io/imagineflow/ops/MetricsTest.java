package io.imagineflow.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {

    private final RecordedMetrics lines = new RecordedMetrics();
    private final Metrics metrics = new Metrics(lines, "poll");

    @AfterEach
    void clearContext() {
        MDC.clear();
        System.clearProperty(LogContext.TRACE_HEADER_PROPERTY);
    }

    private static Map<String, String> allDimensions() {
        Map<String, String> values = new HashMap<>();
        values.put(Metric.Dimensions.OPERATION, "text_to_video");
        values.put(Metric.Dimensions.MODEL, "grok-imagine-video");
        values.put(Metric.Dimensions.ERROR_CODE, "XaiModerated");
        values.put(Metric.Dimensions.CALL, "start");
        values.put(Metric.Dimensions.PATH, "copied");
        values.put(Metric.Dimensions.RESULT, "delivered");
        return values;
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void everyMetricMakesAValidLineWithItsUnitAndDimensionSets(Metric metric) {
        metrics.put(metric, 2.5, allDimensions());

        assertEquals(1, lines.lines().size());
        String line = lines.lines().get(0);
        assertEquals(List.of(), EmfFormat.problems(line), line);
        JsonNode node = RecordedMetrics.read(line);
        assertEquals(2.5, node.path(metric.metricName()).asDouble());
        assertEquals("poll", node.path("function").asText());
        // No default dimensions of the library (ServiceName, ServiceType, LogGroup): each would be billed.
        assertFalse(node.has("ServiceName"), line);
        assertFalse(node.has("LogGroup"), line);
        assertEquals(
                metric.dimensionSets().size(),
                node.path("_aws")
                        .path("CloudWatchMetrics")
                        .get(0)
                        .path("Dimensions")
                        .size());
    }

    @Test
    void aLineCarriesTheJobOfItsInvocationAsProperties() {
        System.setProperty(
                LogContext.TRACE_HEADER_PROPERTY, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f;Sampled=1");
        LogContext.begin();
        LogContext.job("j-42", "image_generate");
        LogContext.xaiRequest("req-7");

        metrics.put(Metric.JOBS_STARTED, 1, allDimensions());

        JsonNode node = RecordedMetrics.read(lines.lines().get(0));
        assertEquals("j-42", node.path("jobId").asText());
        assertEquals("req-7", node.path("xaiRequestId").asText());
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", node.path("traceId").asText());
    }

    @Test
    void aNewInvocationForgetsThePreviousJob() {
        LogContext.job("j-1", "image_edit");
        LogContext.xaiRequest("req-1");
        LogContext.begin();

        metrics.put(Metric.JOBS_STARTED, 1, allDimensions());

        JsonNode node = RecordedMetrics.read(lines.lines().get(0));
        assertFalse(node.has("jobId"));
        assertFalse(node.has("xaiRequestId"));
    }

    @Test
    void severalMetricsShareALineOnlyWhenTheyShareTheirDimensionSets() {
        metrics.put(Map.of(Metric.GENERATION_TIME, 40.0, Metric.DETECTION_DELAY, 2.0), allDimensions());
        String line = lines.lines().get(0);
        assertEquals(List.of(), EmfFormat.problems(line), line);

        assertThrows(
                IllegalArgumentException.class,
                () -> metrics.put(Map.of(Metric.JOBS_STARTED, 1.0, Metric.XAI_THROTTLED, 1.0), allDimensions()));
    }

    @Test
    void anUnknownOrUnprintableDimensionValueStillMakesAValidLine() {
        Map<String, String> values = new HashMap<>();
        values.put(Metric.Dimensions.OPERATION, null);
        values.put(Metric.Dimensions.MODEL, ":grök\n");

        metrics.put(Metric.JOBS_SUCCEEDED, 1, values);

        String line = lines.lines().get(0);
        assertEquals(List.of(), EmfFormat.problems(line), line);
        JsonNode node = RecordedMetrics.read(line);
        assertEquals("unknown", node.path("Operation").asText());
        assertTrue(node.path("Model").asText().matches("[\\x20-\\x7e]+"));
    }

    @Test
    void theValidatorRefusesWhatCloudWatchWouldDrop() {
        String valid = "{\"_aws\":{\"Timestamp\":1764000000000,\"CloudWatchMetrics\":[{\"Namespace\":\"ImagineFlow\","
                + "\"Dimensions\":[[\"Path\"],[]],\"Metrics\":[{\"Name\":\"OutputsDelivered\",\"Unit\":\"Count\"}]}]},"
                + "\"Path\":\"copied\",\"OutputsDelivered\":1}";
        assertEquals(List.of(), EmfFormat.problems(valid));
        assertFalse(
                EmfFormat.problems(valid.replace("\"Path\":\"copied\",", "")).isEmpty(), "dimension missing");
        assertFalse(
                EmfFormat.problems(valid.replace("\"OutputsDelivered\":1", "\"OutputsDelivered\":\"1\""))
                        .isEmpty(),
                "value not a number");
        assertFalse(EmfFormat.problems(valid.replace("\"Count\"", "\"Counts\"")).isEmpty(), "unit");
        assertFalse(
                EmfFormat.problems(valid.replace("1764000000000", "\"now\"")).isEmpty(), "timestamp");
        assertFalse(EmfFormat.problems(valid.replace("ImagineFlow", "Other")).isEmpty(), "namespace");
        assertFalse(
                EmfFormat.problems(valid.replace("[[\"Path\"],[]]", "[[\"Path\"]]"))
                        .isEmpty(),
                "sets");
        assertFalse(EmfFormat.problems("{\"message\":\"hello\"}").isEmpty(), "not a metric line");
    }
}
