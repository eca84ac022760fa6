package io.imagineflow.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What an incoming event carries once its wrapping is taken off: a job request (at {@code path} of the event,
 * for error messages), or an S3 object that was created. {@code source} names the kind of event;
 * {@code idParts} identify this delivery's event, so that every delivery of it gets the same job id.
 */
sealed interface Envelope permits Envelope.Request, Envelope.ObjectCreated {

    String source();

    List<String> idParts();

    record Request(String source, List<String> idParts, JsonNode request, String path) implements Envelope {}

    record ObjectCreated(String source, List<String> idParts, String bucket, String key, String versionId)
            implements Envelope {}
}
