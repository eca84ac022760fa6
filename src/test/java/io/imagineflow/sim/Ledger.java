package io.imagineflow.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the simulator was asked and what it billed: requests per operation, generations accepted per prompt
 * (the marker tests use to tell jobs apart), ticks billed per prompt and per request, and faults injected.
 * A job paid for exactly once has one accepted generation and one bill under its prompt.
 */
public final class Ledger {

    private final Map<String, Long> requestsByOperation = new TreeMap<>();
    private final Map<String, Long> acceptedByPrompt = new TreeMap<>();
    private final Map<String, Long> billedByPrompt = new TreeMap<>();
    private final Map<String, Long> billedByRequest = new TreeMap<>();
    private final Map<Fault, Long> faults = new EnumMap<>(Fault.class);
    private final Map<String, Long> uploads = new TreeMap<>();
    private long uploadedBytes;
    private long mediaServedBytes;
    private final Map<String, Long> mediaServedByPath = new TreeMap<>();
    private long billedTicks;

    synchronized void request(Route route) {
        requestsByOperation.merge(route.operationId, 1L, Long::sum);
    }

    synchronized void accept(String prompt) {
        acceptedByPrompt.merge(prompt == null ? "" : prompt, 1L, Long::sum);
    }

    synchronized void billed(String requestId, String prompt, long ticks) {
        billedByPrompt.merge(prompt == null ? "" : prompt, ticks, Long::sum);
        billedByRequest.merge(requestId, ticks, Long::sum);
        billedTicks += ticks;
    }

    synchronized void fault(Fault fault) {
        faults.merge(fault, 1L, Long::sum);
    }

    /** One PUT of an output to its upload URL: {@code uploaded}, {@code refused} (4xx) or {@code broken}. */
    synchronized void upload(String outcome, long bytes) {
        uploads.merge(outcome, 1L, Long::sum);
        if (outcome.equals("uploaded")) {
            uploadedBytes += bytes;
        }
    }

    /** A download of an output from xAI's URL at {@code path} (what the fallback copy of a delivery does). */
    synchronized void mediaServed(String path, long bytes) {
        mediaServedBytes += bytes;
        mediaServedByPath.merge(path, bytes, Long::sum);
    }

    /** Bytes of outputs downloaded from xAI's URLs: what passed through the functions. */
    public synchronized long mediaServedBytes() {
        return mediaServedBytes;
    }

    public synchronized long uploads(String outcome) {
        return uploads.getOrDefault(outcome, 0L);
    }

    synchronized void clear() {
        uploads.clear();
        uploadedBytes = 0;
        mediaServedBytes = 0;
        mediaServedByPath.clear();
        requestsByOperation.clear();
        acceptedByPrompt.clear();
        billedByPrompt.clear();
        billedByRequest.clear();
        faults.clear();
        billedTicks = 0;
    }

    public synchronized long requests(String operationId) {
        return requestsByOperation.getOrDefault(operationId, 0L);
    }

    public synchronized long requests(Route route) {
        return requests(route.operationId);
    }

    /** Generation requests received, of every operation (whether xAI would have accepted them or not). */
    public synchronized long generationRequests() {
        return java.util.Arrays.stream(Route.values())
                .filter(Route::generation)
                .mapToLong(this::requests)
                .sum();
    }

    /** Generations xAI would have started (and so may bill) for this prompt. */
    public synchronized long accepted(String prompt) {
        return acceptedByPrompt.getOrDefault(prompt, 0L);
    }

    public synchronized long billedTicks(String prompt) {
        return billedByPrompt.getOrDefault(prompt, 0L);
    }

    public synchronized long billedTicksForRequest(String requestId) {
        return billedByRequest.getOrDefault(requestId, 0L);
    }

    public synchronized long billedTicks() {
        return billedTicks;
    }

    public synchronized long faults(Fault fault) {
        return faults.getOrDefault(fault, 0L);
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(
                new TreeMap<>(requestsByOperation),
                new TreeMap<>(acceptedByPrompt),
                new TreeMap<>(billedByPrompt),
                new EnumMap<>(faults),
                billedTicks,
                new TreeMap<>(uploads),
                uploadedBytes,
                mediaServedBytes,
                new TreeMap<>(mediaServedByPath));
    }

    /** A copy for reporting (the simulator's {@code GET /sim/stats}). */
    public record Snapshot(
            Map<String, Long> requestsByOperation,
            Map<String, Long> acceptedByPrompt,
            Map<String, Long> billedTicksByPrompt,
            Map<Fault, Long> faultsInjected,
            long billedTicks,
            Map<String, Long> uploads,
            long uploadedBytes,
            long mediaServedBytes,
            Map<String, Long> mediaServedByPath) {}
}
