package io.imagineflow.sim;

import java.time.Duration;
import java.util.Set;

/**
 * How the simulator behaves. {@code faultRate} (0 to 1) of the requests get one of {@code faultKinds}, chosen
 * from {@code seed} and the request itself, so the same run gets the same faults whatever the thread timing.
 */
public record SimulatorOptions(
        Duration imageReadyAfter,
        Duration videoReadyAfter,
        String apiKey,
        long seed,
        double faultRate,
        Set<Fault> faultKinds,
        long retryAfterSeconds,
        Duration slowResponse,
        long maxUploadBytes,
        boolean tokenOnLastPage) {

    public static final long FIFTY_MB = 50L * 1024 * 1024;

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(
                Duration.ofSeconds(2),
                Duration.ofSeconds(6),
                null,
                1L,
                0.0,
                Fault.all(),
                1,
                Duration.ofSeconds(65),
                FIFTY_MB,
                true);
    }

    /** Quick generations for tests: the whole life of a job in well under a second. */
    public static SimulatorOptions fast() {
        return defaults().withReadyAfter(Duration.ofMillis(150), Duration.ofMillis(300));
    }

    public SimulatorOptions withReadyAfter(Duration image, Duration video) {
        return new SimulatorOptions(
                image,
                video,
                apiKey,
                seed,
                faultRate,
                faultKinds,
                retryAfterSeconds,
                slowResponse,
                maxUploadBytes,
                tokenOnLastPage);
    }

    public SimulatorOptions withApiKey(String key) {
        return new SimulatorOptions(
                imageReadyAfter,
                videoReadyAfter,
                key,
                seed,
                faultRate,
                faultKinds,
                retryAfterSeconds,
                slowResponse,
                maxUploadBytes,
                tokenOnLastPage);
    }

    public SimulatorOptions withFaults(long seed, double rate, Set<Fault> kinds) {
        return new SimulatorOptions(
                imageReadyAfter,
                videoReadyAfter,
                apiKey,
                seed,
                rate,
                Set.copyOf(kinds),
                retryAfterSeconds,
                slowResponse,
                maxUploadBytes,
                tokenOnLastPage);
    }

    public SimulatorOptions withSlowResponse(Duration slow) {
        return new SimulatorOptions(
                imageReadyAfter,
                videoReadyAfter,
                apiKey,
                seed,
                faultRate,
                faultKinds,
                retryAfterSeconds,
                slow,
                maxUploadBytes,
                tokenOnLastPage);
    }

    public SimulatorOptions withRetryAfterSeconds(long seconds) {
        return new SimulatorOptions(
                imageReadyAfter,
                videoReadyAfter,
                apiKey,
                seed,
                faultRate,
                faultKinds,
                seconds,
                slowResponse,
                maxUploadBytes,
                tokenOnLastPage);
    }

    public SimulatorOptions withMaxUploadBytes(long max) {
        return new SimulatorOptions(
                imageReadyAfter,
                videoReadyAfter,
                apiKey,
                seed,
                faultRate,
                faultKinds,
                retryAfterSeconds,
                slowResponse,
                max,
                tokenOnLastPage);
    }

    public SimulatorOptions withTokenOnLastPage(boolean always) {
        return new SimulatorOptions(
                imageReadyAfter,
                videoReadyAfter,
                apiKey,
                seed,
                faultRate,
                faultKinds,
                retryAfterSeconds,
                slowResponse,
                maxUploadBytes,
                always);
    }
}
