package io.imagineflow.job;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery's rules over an in-memory bucket: one upload URL per output at keys made of the job id and the index;
 * xAI's upload kept when it is sound, moved when its type differs from the expected one, replaced by a copy
 * when it is missing or broken; a recovering job found only when all its outputs are there.
 */
class DeliveriesTest {

    private static final DeliveryTarget TARGET = new DeliveryTarget("imagine-outputs", "outputs/");
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2};

    private final InMemoryOutputStore bucket = new InMemoryOutputStore();
    private final FakeImagine xai = new FakeImagine();
    private final Deliveries deliveries = TestDeliveries.over(bucket, xai);

    private static JobRequest images(int n) {
        return new JobRequest(
                Operation.IMAGE_GENERATE,
                "grok-imagine-image",
                "A fox",
                null,
                new JobRequest.Options(n, null, null, null),
                null,
                Map.of(),
                null,
                null,
                TARGET);
    }

    private static JobOutput image(String url, String mediaType) {
        return new JobOutput(url, mediaType, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void eachOutputGetsOneUrlAtAKeyMadeOfTheJobIdAndItsIndex() {
        List<java.net.URI> urls = deliveries.uploadUrls("job-1", images(3), Instant.parse("2026-11-29T06:00:00Z"));

        assertEquals(3, urls.size());
        assertEquals(
                List.of(
                        "imagine-outputs/outputs/job-1/0.jpg",
                        "imagine-outputs/outputs/job-1/1.jpg",
                        "imagine-outputs/outputs/job-1/2.jpg"),
                bucket.signed);
        assertTrue(urls.get(0)
                .toString()
                .contains(
                        "X-Amz-Expires=" + Instant.parse("2026-11-29T06:15:00Z").getEpochSecond()));
    }

    @Test
    void aJobWithoutATargetSignsNothing() {
        JobRequest off = TestJobs.request(Operation.TEXT_TO_VIDEO, "A fox");

        assertEquals(List.of(), deliveries.uploadUrls("job-1", off, Instant.now()));
        assertTrue(bucket.signed.isEmpty());
    }

    @Test
    void xaisUploadIsKeptAndAMissingOneIsCopied() {
        bucket.upload("imagine-outputs", "outputs/job-2/0.jpg", JPEG, "image/jpeg");
        xai.serve("https://imgen.x.ai/1.jpeg", JPEG);

        List<JobOutput> out = deliveries.deliver(
                "job-2",
                TARGET,
                Operation.IMAGE_GENERATE,
                List.of(
                        image("https://imgen.x.ai/0.jpeg", "image/jpeg"),
                        image("https://imgen.x.ai/1.jpeg", "image/jpeg")));

        assertEquals(Arrival.XAI_UPLOAD, out.get(0).deliveredBy());
        assertEquals("outputs/job-2/0.jpg", out.get(0).s3().key());
        assertEquals(Arrival.COPIED, out.get(1).deliveredBy());
        assertEquals("outputs/job-2/1.jpg", out.get(1).s3().key());
        assertEquals(JPEG.length, out.get(1).s3().bytes());
        assertEquals(List.of("https://imgen.x.ai/1.jpeg"), xai.opened, "only the missing output is downloaded");
        assertEquals("https://imgen.x.ai/0.jpeg", out.get(0).url(), "xAI's URL stays in the record");
    }

    @Test
    void aPngUploadedToTheJpegUrlIsMovedToItsPngKey() {
        bucket.upload("imagine-outputs", "outputs/job-3/0.jpg", JPEG, "image/png");

        JobOutput out = deliveries
                .deliver(
                        "job-3",
                        TARGET,
                        Operation.IMAGE_GENERATE,
                        List.of(image("https://imgen.x.ai/0.png", "image/png")))
                .get(0);

        assertEquals("outputs/job-3/0.png", out.s3().key());
        assertEquals(Arrival.XAI_UPLOAD, out.deliveredBy());
        assertEquals(List.of("outputs/job-3/0.png"), bucket.keys("imagine-outputs", "outputs/job-3/"));
    }

    @Test
    void anEmptyOrWronglyTypedUploadIsReplacedByACopy() {
        bucket.upload("imagine-outputs", "outputs/job-4/0.mp4", new byte[0], "video/mp4");
        xai.serve("https://vidgen.x.ai/v.mp4", "mp4 bytes".getBytes(StandardCharsets.UTF_8));

        JobOutput out = deliveries
                .deliver(
                        "job-4",
                        TARGET,
                        Operation.TEXT_TO_VIDEO,
                        List.of(image("https://vidgen.x.ai/v.mp4", "video/mp4")))
                .get(0);

        assertEquals(Arrival.COPIED, out.deliveredBy());
        assertEquals(9, out.s3().bytes());
    }

    @Test
    void anOutputThatCanBeNeitherFoundNorCopiedFailsTheDeliveryByName() {
        Deliveries.DeliveryFailure failure = assertThrows(
                Deliveries.DeliveryFailure.class,
                () -> deliveries.deliver(
                        "job-5",
                        TARGET,
                        Operation.TEXT_TO_VIDEO,
                        List.of(image("https://vidgen.x.ai/gone.mp4", "video/mp4"))));

        assertEquals(ErrorCode.DELIVERY_FAILED, failure.failure().code());
        assertTrue(failure.getMessage().contains("s3://imagine-outputs/outputs/job-5/0.mp4"), failure.getMessage());
    }

    @Test
    void aSecondFinalizeThatFindsTheFirstOnesCopySaysItWasCopied() {
        xai.serve("https://vidgen.x.ai/v.mp4", "mp4 bytes".getBytes(StandardCharsets.UTF_8));
        List<JobOutput> made = List.of(image("https://vidgen.x.ai/v.mp4", "video/mp4"));

        JobOutput first = deliveries
                .deliver("job-9", TARGET, Operation.TEXT_TO_VIDEO, made)
                .get(0);
        JobOutput second = deliveries
                .deliver("job-9", TARGET, Operation.TEXT_TO_VIDEO, made)
                .get(0);

        assertEquals(Arrival.COPIED, first.deliveredBy());
        assertEquals(Arrival.COPIED, second.deliveredBy(), "the copy's mark says whose it is");
        assertEquals(1, xai.opened.size(), "downloaded once");
    }

    @Test
    void aDeliveredOutputIsNotLookedAtAgain() {
        S3Location there = new S3Location("imagine-outputs", "outputs/job-6/0.mp4", null, "e", 5, "video/mp4");
        JobOutput delivered = image(null, "video/mp4").delivered(there, Arrival.COPIED);

        assertEquals(
                List.of(delivered), deliveries.deliver("job-6", TARGET, Operation.TEXT_TO_VIDEO, List.of(delivered)));
        assertTrue(xai.opened.isEmpty());
    }

    @Test
    void aRecoveringJobIsFoundOnlyWhenAllItsOutputsAreThere() {
        bucket.upload("imagine-outputs", "outputs/job-7/0.jpg", JPEG, "image/jpeg");

        assertTrue(deliveries.recovered("job-7", TARGET, 2).isEmpty());

        bucket.upload("imagine-outputs", "outputs/job-7/1.jpg", JPEG, "image/png");
        List<JobOutput> found = deliveries.recovered("job-7", TARGET, 2).orElseThrow();

        assertEquals("outputs/job-7/0.jpg", found.get(0).s3().key());
        assertEquals("outputs/job-7/1.png", found.get(1).s3().key(), "moved to the key of its actual type");
        assertEquals("image/png", found.get(1).mediaType());
        assertNull(found.get(0).url());
        assertEquals(Arrival.XAI_UPLOAD, found.get(0).deliveredBy());
    }

    @Test
    void anotherJobsFolderIsNotTakenForThisOne() {
        bucket.upload("imagine-outputs", "outputs/job-80/0.jpg", JPEG, "image/jpeg");
        bucket.upload("imagine-outputs", "outputs/job-8/sub/0.jpg", JPEG, "image/jpeg");

        assertTrue(deliveries.recovered("job-8", TARGET, 1).isEmpty());
    }
}
