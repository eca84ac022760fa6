package io.imagineflow.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides which fault, if any, a request gets: first the faults scheduled by a test (one-shot, in order), then
 * the seeded rate. The rate's draw is a hash of the seed, the request (method, path, body) and how many times
 * that same request was seen, so a rerun with the same seed and the same requests draws the same faults.
 */
final class Faults {

    private record Scheduled(Fault fault, Route route, AtomicInteger remaining) {}

    private final List<Scheduled> scheduled = new ArrayList<>();
    private final Map<String, AtomicInteger> occurrences = new ConcurrentHashMap<>();
    private volatile SimulatorOptions options;

    Faults(SimulatorOptions options) {
        this.options = options;
    }

    void configure(SimulatorOptions options) {
        this.options = options;
    }

    /** The next {@code times} requests to {@code route} (any route when null) that the fault applies to get it. */
    synchronized void schedule(Fault fault, Route route, int times) {
        scheduled.add(new Scheduled(fault, route, new AtomicInteger(times)));
    }

    synchronized void clear() {
        scheduled.clear();
        occurrences.clear();
    }

    Fault draw(Route route, String method, String path, byte[] body) {
        Fault planned = takeScheduled(route);
        if (planned != null) {
            return planned;
        }
        SimulatorOptions current = options;
        if (current.faultRate() <= 0) {
            return null;
        }
        List<Fault> eligible = current.faultKinds().stream()
                .filter(f -> f.appliesTo(route))
                .sorted()
                .toList();
        if (eligible.isEmpty()) {
            return null;
        }
        String fingerprint = method + ' ' + path + ' ' + fnv(body);
        int seen = occurrences
                .computeIfAbsent(fingerprint, k -> new AtomicInteger())
                .getAndIncrement();
        long h = mix(current.seed() ^ fnv(fingerprint.getBytes(StandardCharsets.UTF_8)) ^ (seen * 0x9E3779B97F4A7C15L));
        double u = (h >>> 11) * 0x1.0p-53;
        if (u >= current.faultRate()) {
            return null;
        }
        return eligible.get((int) Long.remainderUnsigned(mix(h), eligible.size()));
    }

    private synchronized Fault takeScheduled(Route route) {
        for (Iterator<Scheduled> it = scheduled.iterator(); it.hasNext(); ) {
            Scheduled s = it.next();
            if ((s.route() == null || s.route() == route) && s.fault().appliesTo(route)) {
                if (s.remaining().decrementAndGet() <= 0) {
                    it.remove();
                }
                return s.fault();
            }
        }
        return null;
    }

    private static long fnv(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
