package io.imagineflow.job;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link StartSlots} in one map, with the same rules as the DynamoDB item (store/DynamoStartSlots). */
final class InMemoryStartSlots implements StartSlots {

    private final Map<String, Instant> next = new HashMap<>();
    private final Map<String, Instant> sent = new HashMap<>();

    @Override
    public synchronized Optional<Instant> take(String model, Instant now, Duration interval, Instant latest) {
        Instant free = next.get(model);
        if (free == null || !free.isAfter(now)) {
            next.put(model, now.plus(interval));
            return Optional.of(now);
        }
        if (free.isAfter(latest)) {
            return Optional.empty();
        }
        next.put(model, free.plus(interval));
        return Optional.of(free);
    }

    @Override
    public synchronized boolean pass(String model, Instant now, Duration gap) {
        Instant last = sent.get(model);
        if (last != null && last.isAfter(now.minus(gap))) {
            return false;
        }
        sent.put(model, now);
        return true;
    }

    @Override
    public synchronized void stamp(String model, Instant at) {
        sent.merge(model, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public synchronized void holdUntil(String model, Instant until) {
        next.merge(model, until, (a, b) -> a.isAfter(b) ? a : b);
    }
}
