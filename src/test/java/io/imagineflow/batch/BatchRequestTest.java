package io.imagineflow.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.job.JobInvalid;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every trigger of a batch names its manifest the same way; a manifest is checked line by line. */
class BatchRequestTest {

    private final ObjectMapper json = new ObjectMapper();

    private BatchRequest of(String trigger) throws Exception {
        return BatchRequest.of(json.readTree(trigger));
    }

    @Test
    void anS3ObjectCreatedEventABatchRequestedEventAndAPlainRequestNameTheManifest() throws Exception {
        assertEquals(
                new BatchRequest(null, "in", "batches/a.jsonl"),
                of("{\"detail-type\":\"Object Created\",\"source\":\"aws.s3\",\"detail\":{\"bucket\":{\"name\":\"in\"},"
                        + "\"object\":{\"key\":\"batches/a.jsonl\"}}}"));
        assertEquals(
                new BatchRequest("nightly", "in", "batches/a.jsonl"),
                of("{\"detail-type\":\"Imagine Batch Requested\",\"detail\":{\"manifest\":\"s3://in/batches/a.jsonl\","
                        + "\"id\":\"nightly\"}}"));
        assertEquals(new BatchRequest(null, "in", "deep/key.jsonl"), of("{\"manifest\":\"s3://in/deep/key.jsonl\"}"));
    }

    @Test
    void aBadTriggerIsRefusedByField() {
        assertEquals(
                "manifest",
                assertThrows(JobInvalid.class, () -> of("{\"manifest\":\"https://in/a.jsonl\"}"))
                        .violations()
                        .get(0)
                        .field());
        assertEquals(
                "id",
                assertThrows(JobInvalid.class, () -> of("{\"manifest\":\"s3://in/a.jsonl\",\"id\":\"a/b\"}"))
                        .violations()
                        .get(0)
                        .field());
        assertEquals(
                "detail.manifest",
                assertThrows(JobInvalid.class, () -> of("{\"detail-type\":\"Imagine Batch Requested\",\"detail\":{}}"))
                        .violations()
                        .get(0)
                        .field());
        assertEquals(
                "detail-type",
                assertThrows(JobInvalid.class, () -> of("{\"detail-type\":\"Other\",\"detail\":{}}"))
                        .violations()
                        .get(0)
                        .field());
    }

    @Test
    void aManifestIsCountedAndEveryLineMustBeAJsonObject() {
        assertEquals(2, count("{\"prompt\":\"a\"}\n{\"prompt\":\"b\"}\n", 10));
        assertEquals(2, count("{\"prompt\":\"a\"}\n{\"prompt\":\"b\"}", 10), "without a final newline");
        assertEquals("manifest line 2", refused("{\"prompt\":\"a\"}\n[1]\n", 10));
        assertEquals("manifest line 1", refused("\n{\"prompt\":\"a\"}\n", 10));
        assertEquals("manifest", refused("{}\n{}\n{}\n", 2));
        assertEquals("manifest", refused("", 2));
    }

    private int count(String text, int max) {
        return ManifestLines.count(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max, json);
    }

    private String refused(String text, int max) {
        return assertThrows(JobInvalid.class, () -> count(text, max))
                .violations()
                .get(0)
                .field();
    }
}
