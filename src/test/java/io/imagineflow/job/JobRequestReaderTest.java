package io.imagineflow.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.testing.InvalidRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobRequestReaderTest {

    private final JobRequestReader reader =
            new JobRequestReader(TestConfig.defaults(), TestConfig.testProfileDelivery(), TestConfig.webhooks());
    private final ObjectMapper json = new ObjectMapper();

    private JobRequest read(String request) throws Exception {
        return reader.read(json.readTree(request), "");
    }

    @Test
    void deliverToNamesAFolderInAnAllowedBucket() throws Exception {
        JobRequest request = read("{\"operation\":\"text_to_video\",\"prompt\":\"x\","
                + "\"deliver_to\":\"s3://imagine-outputs/team-a/clips/\"}");

        assertEquals(new DeliveryTarget("imagine-outputs", "team-a/clips/"), request.deliverTo());
        assertEquals("team-a/clips/job-1/0.mp4", request.deliverTo().key("job-1", 0, "video/mp4"));
        assertEquals(
                new DeliveryTarget("imagine-outputs", ""),
                read("{\"operation\":\"text_to_video\",\"prompt\":\"x\",\"deliver_to\":\"s3://imagine-outputs\"}")
                        .deliverTo());
    }

    @Test
    void aRequestWithoutDeliverToGetsTheDeploymentsDefaultOrNone() throws Exception {
        assertNull(read("{\"operation\":\"text_to_video\",\"prompt\":\"x\"}").deliverTo());

        JobRequestReader withDefault = new JobRequestReader(
                TestConfig.defaults(),
                TestConfig.delivery(java.util.Map.of("default-target", "s3://my-media/outputs/")),
                TestConfig.webhooks());
        JobRequest request = withDefault.read(json.readTree("{\"operation\":\"image_generate\",\"prompt\":\"x\"}"), "");
        assertEquals(new DeliveryTarget("my-media", "outputs/"), request.deliverTo());
        // The default target alone is allowed: a request may name a folder under it, and nothing else.
        assertEquals(
                new DeliveryTarget("my-media", "outputs/mine/"),
                withDefault
                        .read(
                                json.readTree("{\"operation\":\"image_generate\",\"prompt\":\"x\","
                                        + "\"deliver_to\":\"s3://my-media/outputs/mine/\"}"),
                                "")
                        .deliverTo());
        JobInvalid outside = assertThrows(
                JobInvalid.class,
                () -> withDefault.read(
                        json.readTree("{\"operation\":\"image_generate\",\"prompt\":\"x\","
                                + "\"deliver_to\":\"s3://my-media/private/\"}"),
                        ""));
        assertEquals("deliver_to", outside.violations().get(0).field());
        assertTrue(outside.getMessage().contains("allowed: s3://my-media/outputs/"), outside.getMessage());
    }

    @Test
    void aBadDeliverySettingStopsTheStartByName() {
        IllegalStateException bad = assertThrows(
                IllegalStateException.class,
                () -> new JobRequestReader(
                        TestConfig.defaults(),
                        TestConfig.delivery(java.util.Map.of("default-target", "s3://Bad_Bucket/outputs/")),
                        TestConfig.webhooks()));
        assertTrue(bad.getMessage().startsWith("imagine.delivery.default-target: bucket"), bad.getMessage());
    }

    @Test
    void eachOperationGetsItsFamilysDefaultModel() throws Exception {
        assertEquals(
                "grok-imagine-image",
                read("{\"operation\":\"image_generate\",\"prompt\":\"x\"}").model());
        assertEquals(
                "grok-imagine-video",
                read("{\"operation\":\"text_to_video\",\"prompt\":\"x\"}").model());
    }

    @Test
    void inputsMayBeWrittenAsStringsOrObjectsOfEveryKind() throws Exception {
        JobRequest request = read("{\"operation\":\"reference_to_video\",\"prompt\":\"x\",\"inputs\":{"
                + "\"reference_images\":[\"https://example.com/a.png\",\"file_abc\",\"s3://bucket-1/in/b.png\","
                + "{\"url\":\"https://example.com/c.png\"},{\"file_id\":\"file_def\"},"
                + "{\"s3\":{\"bucket\":\"bucket-1\",\"key\":\"in/d.png\",\"version_id\":\"v7\"}}]}}");

        List<MediaRef> refs = request.inputs().referenceImages();
        assertEquals(new MediaRef.Url("https://example.com/a.png"), refs.get(0));
        assertEquals(new MediaRef.FileId("file_abc"), refs.get(1));
        assertEquals(new MediaRef.S3Object("bucket-1", "in/b.png", null), refs.get(2));
        assertEquals(new MediaRef.Url("https://example.com/c.png"), refs.get(3));
        assertEquals(new MediaRef.FileId("file_def"), refs.get(4));
        assertEquals(new MediaRef.S3Object("bucket-1", "in/d.png", "v7"), refs.get(5));
    }

    @Test
    void aDataUriThatHoldsWhatItSaysIsAccepted() throws Exception {
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4z8DwHwAFAAH/pdHgwwAAAABJRU5ErkJggg==";
        JobRequest request = read("{\"operation\":\"image_edit\",\"prompt\":\"x\",\"inputs\":{\"image\":"
                + "\"data:image/png;base64," + png + "\"}}");

        assertInstanceOf(MediaRef.DataUri.class, request.inputs().image());
    }

    @Test
    void storageReadsBothFormsOfPublicUrl() throws Exception {
        JobRequest.Storage plain = read("{\"operation\":\"image_generate\",\"prompt\":\"x\",\"storage\":"
                        + "{\"filename\":\"a.jpg\",\"public_url\":true}}")
                .storage();
        JobRequest.Storage expiring = read("{\"operation\":\"image_generate\",\"prompt\":\"x\",\"storage\":"
                        + "{\"filename\":\"a.jpg\",\"expires_after\":86400,\"public_url\":{\"expires_after\":3600}}}")
                .storage();

        assertTrue(plain.publicUrl());
        assertNull(plain.publicUrlExpiresAfterSeconds());
        assertEquals(86400L, expiring.expiresAfterSeconds());
        assertEquals(3600L, expiring.publicUrlExpiresAfterSeconds());
    }

    @Test
    void everyBrokenRuleIsNamedAtOnce() {
        JobInvalid invalid = assertThrows(
                JobInvalid.class,
                () -> read("{\"operation\":\"image_generate\",\"options\":{\"n\":0,\"aspect_ratio\":\"7:5\"}}"));

        assertEquals(
                List.of("prompt", "options.n", "options.aspect_ratio"),
                invalid.violations().stream().map(Violation::field).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.imagineflow.testing.InvalidRequests#all")
    void everyRequestOfTheBadInputCorpusIsRefusedByName(InvalidRequests.Case bad) {
        JobInvalid invalid = assertThrows(JobInvalid.class, () -> read(bad.request()));

        assertTrue(
                invalid.violations().stream()
                        .anyMatch(v -> v.field().equals(bad.field()) && v.rule().contains(bad.rule())),
                invalid.getMessage());
    }
}
