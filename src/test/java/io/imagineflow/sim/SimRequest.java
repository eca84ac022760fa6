package io.imagineflow.sim;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A generation the simulator accepted. Its end is planned when it is accepted ({@code plannedFault} null means
 * done) and produced once, on the first look after {@code readyAtMillis}; every later look sees the same end.
 */
final class SimRequest {

    final String id;
    final Route route;
    final SimModels.Model model;
    final String prompt;
    final JsonNode body;
    final int count;
    final int durationSeconds;
    final long ticks;
    final long createdAtMillis;
    final long readyAtMillis;
    final Fault plannedFault;
    private final java.util.List<SimGenerations.Blob> produced = new java.util.ArrayList<>();
    private SimReply end;
    private int looks;
    /** xAI reports a generation with upload URLs done once its uploads are over (a slow upload excepted). */
    private volatile boolean uploadPending;

    SimRequest(
            String id,
            Route route,
            SimModels.Model model,
            String prompt,
            JsonNode body,
            int count,
            int durationSeconds,
            long ticks,
            long createdAtMillis,
            long readyAtMillis,
            Fault plannedFault) {
        this.id = id;
        this.route = route;
        this.model = model;
        this.prompt = prompt;
        this.body = body;
        this.count = count;
        this.durationSeconds = durationSeconds;
        this.ticks = ticks;
        this.createdAtMillis = createdAtMillis;
        this.readyAtMillis = readyAtMillis;
        this.plannedFault = plannedFault;
    }

    void uploadPending(boolean pending) {
        uploadPending = pending;
    }

    /** Still at work: not ready yet, or ready with its uploads to the request's URLs still going. */
    boolean working(long nowMillis) {
        return nowMillis < readyAtMillis || uploadPending;
    }

    boolean video() {
        return route.video();
    }

    /** How many times this request was polled before, counting this one. */
    synchronized int look() {
        return ++looks;
    }

    /** An output made when the end was produced (none for a failed or moderated generation). */
    synchronized void produced(SimGenerations.Blob blob) {
        produced.add(blob);
    }

    synchronized java.util.List<SimGenerations.Blob> produced() {
        return java.util.List.copyOf(produced);
    }

    synchronized SimReply end(java.util.function.Supplier<SimReply> produce) {
        if (end == null) {
            end = produce.get();
        }
        return end;
    }
}
