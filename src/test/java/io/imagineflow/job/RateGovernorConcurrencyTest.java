package io.imagineflow.job;

import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The governor's slots in DynamoDB (Local) under many threads at once, as many Lambda containers would take them:
 * no slot is given twice, slots are an interval apart, and requests sent on their slots never exceed the limit in
 * any second.
 */
@QuarkusTest
@TestProfile(Profiles.Submit.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class RateGovernorConcurrencyTest {

    private static final int THREADS = 16;

    @Inject
    StartSlots slots;

    @Test
    void racingTakersNeverShareASlotAndSlotsAreAnIntervalApart() throws Exception {
        DynamoDbLocalResource.clear();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Duration interval = Duration.ofMillis(100);
        List<Instant> taken = Collections.synchronizedList(new ArrayList<>());

        race(THREADS, thread -> {
            for (int i = 0; i < 20; i++) {
                taken.add(slots.take("race-model", now, interval, now.plus(Duration.ofHours(1)))
                        .orElseThrow());
            }
            return null;
        });

        List<Instant> sorted = taken.stream().sorted().toList();
        assertEquals(THREADS * 20, sorted.stream().distinct().count(), "every slot given once");
        assertEquals(now, sorted.get(0), "the idle model's first slot is now");
        for (int i = 1; i < sorted.size(); i++) {
            assertEquals(interval, Duration.between(sorted.get(i - 1), sorted.get(i)), "slot " + i);
        }
    }

    @Test
    void requestsSentOnTheirSlotsStayUnderTheLimitInEverySecond() throws Exception {
        DynamoDbLocalResource.clear();
        double limit = 20;
        RateGovernor governor = new RateGovernor(
                slots,
                // DynamoDB Local answers 48 racing threads in up to a few hundred milliseconds: slots are given that
                // far ahead.
                TestConfig.jobs(
                        Map.of("rate.image", String.valueOf(limit), "rate.lead", "PT1S", "rate.settle", "PT0.5S")),
                Clock.systemUTC());
        JobRequest request = TestJobs.request(Operation.IMAGE_GENERATE, "limited-image-model", "A fox");
        List<Long> sent = Collections.synchronizedList(new ArrayList<>());
        int[] queued = {0};

        // More callers at once than a second of the limit, so that slots reach past the lead and jobs queue.
        race(3 * THREADS, thread -> {
            for (int job = 0; job < 2; job++) {
                StartQueue held = null;
                while (true) {
                    RateGovernor.Admission admission = governor.admit(request, held, Instant.now());
                    if (admission instanceof RateGovernor.Admission.Go go) {
                        if (governor.awaitSlot(request, go.at())) {
                            sent.add(System.currentTimeMillis());
                            break;
                        }
                        // Woken too late for the slot (a busy machine): as submit does, ask again shortly.
                        admission = governor.missed(held == null ? Instant.now() : held.since());
                    }
                    // As the state machine does: wait the seconds the queued state asks for, come back holding the
                    // slot.
                    RateGovernor.Admission.Wait wait = (RateGovernor.Admission.Wait) admission;
                    synchronized (queued) {
                        queued[0]++;
                    }
                    held = wait.queue();
                    Thread.sleep(wait.seconds() * 1000L);
                }
            }
            return null;
        });

        List<Long> times = sent.stream().sorted().toList();
        assertEquals(3 * THREADS * 2, times.size());
        assertTrue(queued[0] > 0, "some jobs waited in the queue, as the state machine would make them");
        for (int i = 0; i < times.size(); i++) {
            int inSecond = 0;
            for (int j = i; j < times.size() && times.get(j) - times.get(i) < 1000; j++) {
                inSecond++;
            }
            assertTrue(inSecond <= limit, inSecond + " requests in the second from request " + i + ": " + times);
        }
    }

    private interface Body {
        Void run(int thread) throws Exception;
    }

    /** Runs {@code body} on {@code threads} threads released at the same moment; rethrows the first failure. */
    private static void race(int threads, Body body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Void> task = () -> {
                    start.await();
                    return body.run(thread);
                };
                done.add(pool.submit(task));
            }
            start.countDown();
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
