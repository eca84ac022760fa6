package io.imagineflow.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test fixtures from src/test/resources. */
public final class Fixtures {

    private Fixtures() {}

    /** The message of the broken rule in {@link #refusedEvent()}. */
    public static final String REFUSED_MESSAGE = "detail.options.aspect_ratio: must be one of 1:1, ...";

    /**
     * What the state machine hands to RecordFailure when submit refused an event: the example EventBridge job with
     * an aspect ratio xAI does not offer, and submit's JobInvalid as Step Functions reports it.
     */
    public static String refusedEvent() {
        String event = text("events/eventbridge-job.json").replace("\"1:1\"", "\"7:5\"");
        return "{\"event\":" + event + ",\"failure\":{\"Error\":\"io.imagineflow.job.JobInvalid\","
                + "\"Cause\":\"{\\\"errorType\\\":\\\"io.imagineflow.job.JobInvalid\\\",\\\"errorMessage\\\":"
                + "\\\"" + REFUSED_MESSAGE + "\\\"}\"}}";
    }

    public static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
