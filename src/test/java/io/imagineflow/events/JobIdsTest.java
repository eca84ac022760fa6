package io.imagineflow.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Job ids come from the event alone: every delivery of one event names one job, and no two events share one. */
class JobIdsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final EventTranslator translator =
            new EventTranslator(new EventEnvelopes(new EventJson(json)), null, null, null, null);

    private String id(String event) throws Exception {
        return translator.jobIdOf(json.readTree(event));
    }

    @Test
    void aBatchLineIsNamedByItsBatchAndLineNumberWhateverItAsks() throws Exception {
        String line = "{\"batchItem\":{\"batch\":\"nightly-7\",\"index\":41,\"request\":"
                + "{\"operation\":\"image_generate\",\"prompt\":\"a\",\"idempotency_key\":\"k-1\"}}}";

        assertEquals("nightly-7-42", id(line));
        assertEquals("nightly-7-42", id(line.replace("\"a\"", "\"b\"")), "the same line of the same batch");
    }

    @Test
    void theSameRequestWrittenInAnotherOrderIsTheSameJob() throws Exception {
        assertEquals(
                id("{\"operation\":\"image_generate\",\"prompt\":\"a\",\"options\":{\"n\":2,\"resolution\":\"1k\"}}"),
                id("{\"options\":{\"resolution\":\"1k\",\"n\":2},\"prompt\":\"a\",\"operation\":\"image_generate\"}"));
        assertNotEquals(
                id("{\"operation\":\"image_generate\",\"prompt\":\"a\"}"),
                id("{\"operation\":\"image_generate\",\"prompt\":\"b\"}"));
    }

    @Test
    void anIdempotencyKeyNamesTheJobWhateverCarriesIt() throws Exception {
        String plain = id("{\"operation\":\"image_generate\",\"prompt\":\"a\",\"idempotency_key\":\"k-1\"}");
        String eventBridge = id("{\"id\":\"e1\",\"source\":\"s\",\"detail-type\":\"Imagine Job Requested\",\"detail\":"
                + "{\"operation\":\"image_generate\",\"prompt\":\"a\",\"idempotency_key\":\"k-1\"}}");

        assertEquals(plain, eventBridge);
        assertTrue(plain.startsWith("key-"));
    }

    @Test
    void anS3ObjectIsIdentifiedByBucketKeyAndSequencerAlikeThroughS3AndEventBridge() throws Exception {
        String notification = Fixtures.text("events/s3-notification.json");
        String sameObject = id(notification);
        String laterWrite = id(notification.replace("0055AED6DCD90281E5", "0055AED6DCD90281F0"));

        assertTrue(sameObject.startsWith("s3-"));
        assertNotEquals(sameObject, laterWrite);
    }

    @Test
    void anSqsMessageCarryingAnEventKeepsTheEventsIdentity() throws Exception {
        String inPipes = id(Fixtures.text("events/sqs-pipes-eventbridge.json"));

        assertTrue(inPipes.startsWith("eb-"), inPipes);
        assertTrue(id(Fixtures.text("events/sqs-records.json")).startsWith("sqs-"));
    }

    @Test
    void aCloudEventIsIdentifiedBySourceAndId() throws Exception {
        String event = Fixtures.text("events/cloudevent.json");

        assertEquals(id(event), id(event.replace("\"subject\": \"cover-17\"", "\"subject\": \"cover-18\"")));
        assertNotEquals(id(event), id(event.replace("A234-1234-1234", "A234-1234-9999")));
    }

    @Test
    void anEventThatCannotBeOpenedStillGetsAStableId() throws Exception {
        assertEquals(id("{\"odd\":true}"), id("{\"odd\":true}"));
        assertTrue(id("{\"odd\":true}").startsWith("invalid-"));
    }

    @Test
    void idsAreValidStepFunctionsExecutionNames() throws Exception {
        String id = id(Fixtures.text("events/apigateway-http-v2.json"));
        assertTrue(id.matches("[A-Za-z0-9_-]{1,80}"), id);
    }
}
