package io.imagineflow.store;

import io.imagineflow.job.Arrival;
import io.imagineflow.job.DeliveryConfig;
import io.imagineflow.job.OutputStore;
import io.imagineflow.job.S3Location;
import io.imagineflow.testing.S3Server;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery bucket's calls against a real S3 API that checks signatures (S3Proxy): a URL the functions
 * presign takes xAI's PUT with its content type, and a tampered or expired one is refused; the fallback copy of
 * a 60 MB video runs in a JVM whose heap could not hold the video.
 */
class S3OutputsTest {

    private static final String BUCKET = "imagine-outputs";
    private static final String IDENTITY = "delivery-test";
    private static final String SECRET = "delivery-test-secret";

    private static S3Server server;
    private static S3Client s3;
    private static S3Presigner presigner;

    @BeforeAll
    static void start() {
        server = S3Server.start(IDENTITY, SECRET);
        server.createBucket(BUCKET);
        s3 = client(server.endpoint());
        presigner = presigner(server.endpoint());
    }

    @AfterAll
    static void stop() {
        s3.close();
        presigner.close();
        server.close();
    }

    static S3Client client(String endpoint) {
        return S3Server.client(endpoint, IDENTITY, SECRET);
    }

    static S3Presigner presigner(String endpoint) {
        return S3Presigner.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, SECRET)))
                .build();
    }

    static DeliveryConfig config(Map<String, String> settings) {
        return new SmallRyeConfigBuilder()
                .withMapping(DeliveryConfig.class)
                .withSources(new PropertiesConfigSource(settings, "test", 500))
                .build()
                .getConfigMapping(DeliveryConfig.class);
    }

    private static S3Outputs outputs(Clock clock) {
        return new S3Outputs(s3, presigner, config(Map.of()), clock);
    }

    /** What xAI does with an upload URL: one PUT of the media with its own content type. */
    private static int put(URI url, byte[] body, String contentType) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        c.setRequestMethod("PUT");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", contentType);
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    @Test
    void xaisPutThroughAPresignedUrlIsTakenWithItsContentType() throws IOException {
        S3Outputs outputs = outputs(Clock.systemUTC());
        URI url =
                outputs.presignPut(BUCKET, "outputs/job-1/0.mp4", Instant.now().plusSeconds(600));
        byte[] video = "a small video".getBytes(StandardCharsets.UTF_8);

        assertEquals(200, put(url, video, "video/mp4"));

        OutputStore.Stored stored = outputs.head(BUCKET, "outputs/job-1/0.mp4").orElseThrow();
        S3Location there = stored.location();
        assertEquals(Arrival.XAI_UPLOAD, stored.arrival(), "not one of our copies");
        assertEquals("video/mp4", there.contentType());
        assertEquals(video.length, there.bytes());
        assertEquals(null, there.refusal());
    }

    @Test
    void aTamperedSignatureOrAnotherKeyIsRefused() throws IOException {
        S3Outputs outputs = outputs(Clock.systemUTC());
        String url = outputs.presignPut(
                        BUCKET, "outputs/job-2/0.jpg", Instant.now().plusSeconds(600))
                .toString();
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        String tampered = url.substring(0, at) + (url.charAt(at) == '0' ? '1' : '0') + url.substring(at + 1);
        String otherKey = url.replace("job-2/0.jpg", "job-3/0.jpg");
        byte[] small = {1, 2, 3};

        assertEquals(403, put(URI.create(tampered), small, "image/jpeg"));
        assertEquals(403, put(URI.create(otherKey), small, "image/jpeg"));
        assertTrue(outputs.head(BUCKET, "outputs/job-2/0.jpg").isEmpty());
        assertTrue(outputs.head(BUCKET, "outputs/job-3/0.jpg").isEmpty());
    }

    @Test
    void anExpiredUrlIsRefused() throws Exception {
        // Signed "now" for one second of life, used three seconds later.
        S3Outputs outputs = outputs(Clock.systemUTC());
        URI url =
                outputs.presignPut(BUCKET, "outputs/job-4/0.jpg", Instant.now().plusSeconds(1));
        Thread.sleep(3_000);

        assertEquals(403, put(url, new byte[] {1}, "image/jpeg"));
        assertTrue(outputs.head(BUCKET, "outputs/job-4/0.jpg").isEmpty());
    }

    @Test
    void aMissingObjectIsEmptyAndKeysListAJobsFolder() throws IOException {
        S3Outputs outputs = outputs(Clock.systemUTC());
        for (int i = 0; i < 2; i++) {
            URI url = outputs.presignPut(
                    BUCKET, "outputs/job-5/" + i + ".jpg", Instant.now().plusSeconds(60));
            assertEquals(200, put(url, new byte[] {(byte) i, 1}, "image/png"));
        }

        assertTrue(outputs.head(BUCKET, "outputs/job-5/9.jpg").isEmpty());
        assertEquals(List.of("outputs/job-5/0.jpg", "outputs/job-5/1.jpg"), outputs.keys(BUCKET, "outputs/job-5/"));
        S3Location moved = outputs.move(BUCKET, "outputs/job-5/0.jpg", "outputs/job-5/0.png")
                .location();
        assertEquals("image/png", moved.contentType());
        assertEquals(List.of("outputs/job-5/0.png", "outputs/job-5/1.jpg"), outputs.keys(BUCKET, "outputs/job-5/"));
    }

    @Test
    void theFallbackCopyOfA60MbVideoRunsInAHeapSmallerThanTheVideo() throws Exception {
        long size = 60L * 1024 * 1024;
        // A JVM of its own, with 40 MB of heap: a copy that held the video whole could not finish there.
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx40m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CopyInSmallHeap.class.getName(),
                        server.endpoint(),
                        IDENTITY,
                        SECRET,
                        BUCKET,
                        "outputs/job-6/0.mp4",
                        String.valueOf(size))
                .redirectErrorStream(true)
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the copy did not finish");
        assertEquals(0, child.exitValue(), out);

        OutputStore.Stored stored =
                outputs(Clock.systemUTC()).head(BUCKET, "outputs/job-6/0.mp4").orElseThrow();
        assertEquals(Arrival.COPIED, stored.arrival(), "a copy is marked as ours");
        S3Location copied = stored.location();
        assertEquals(size, copied.bytes());
        assertEquals("video/mp4", copied.contentType());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = s3.getObject(b -> b.bucket(BUCKET).key("outputs/job-6/0.mp4"))) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        assertEquals(
                CopyInSmallHeap.digestOf(size), HexFormat.of().formatHex(digest.digest()), "the bytes arrived intact");
        assertTrue(out.contains("peak heap"), out);
    }

    /** The child: copies a generated video of the given size through {@link S3Outputs#copy}. */
    public static final class CopyInSmallHeap {
        public static void main(String[] args) throws Exception {
            long size = Long.parseLong(args[5]);
            try (S3Client client = client(args[0]);
                    S3Presigner signer = presigner(args[0])) {
                S3Outputs outputs = new S3Outputs(client, signer, config(Map.of()), Clock.systemUTC());
                outputs.copy(new Generated(size), "video/mp4", args[3], args[4]);
            }
            long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed())
                    .sum();
            System.out.println("peak heap " + peak / (1024 * 1024) + " MB for a " + size / (1024 * 1024) + " MB copy");
        }

        static String digestOf(long size) throws Exception {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new Generated(size)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** {@code size} bytes of a fixed pattern, made as they are read: a video that is never in memory. */
    static final class Generated extends InputStream {
        private final long size;
        private long position;

        Generated(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? (int) (position++ * 31 % 251) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) (position++ * 31 % 251);
            }
            return n;
        }
    }

    @Test
    void aUrlIsSignedForTheDeadlinePlusTheMarginAndNeverBeyondSevenDays() {
        Instant now = Instant.parse("2026-11-29T06:00:00Z");
        S3Outputs outputs = outputs(Clock.fixed(now, java.time.ZoneOffset.UTC));

        String inAnHour =
                outputs.presignPut(BUCKET, "k", now.plus(Duration.ofHours(1))).toString();
        String inAMonth =
                outputs.presignPut(BUCKET, "k", now.plus(Duration.ofDays(30))).toString();

        assertTrue(inAnHour.contains("X-Amz-Expires=3600"), inAnHour);
        assertTrue(inAMonth.contains("X-Amz-Expires=604800"), inAMonth);
    }
}
