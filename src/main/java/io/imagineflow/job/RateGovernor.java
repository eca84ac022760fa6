package io.imagineflow.job;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Decides when a job may send its generation request, so that all executions together stay under xAI's limit
 * for the model (docs/rate-limits.md). The slots come from {@link StartSlots}, shared by every container; a job
 * whose slot is near waits for it in submit, one whose slot is further off is {@code queued} and waited for by
 * the state machine, and comes back holding its slot, so it is neither asked again nor overtaken. Right before the
 * request, a gate on the same item keeps any two requests of the model a {@link #gap} apart.
 */
@ApplicationScoped
public class RateGovernor {

    private static final Logger LOG = Logger.getLogger(RateGovernor.class);
    /** How much later than the gate recorded a request may go out before the record is brought up to date. */
    private static final Duration STAMP_TOLERANCE = Duration.ofMillis(20);

    /** What a job may do now. */
    public sealed interface Admission {
        /** Send the request at {@code at} (now, or within the lead: {@link #awaitSlot} waits for it). */
        record Go(Instant at) implements Admission {}

        /** Come back after {@code seconds}, with {@code queue} (it holds a slot, or says the job asks again). */
        record Wait(StartQueue queue, int seconds) implements Admission {}

        /** Waited for longer than {@code imagine.job.rate.max-queue}: the job ends with this failure. */
        record TimedOut(JobFailure failure) implements Admission {}
    }

    private final StartSlots slots;
    private final JobConfig.Rate config;
    private final Clock clock;

    RateGovernor(StartSlots slots, JobConfig config, Clock clock) {
        this.slots = slots;
        this.config = config.rate();
        this.clock = clock;
        check(this.config);
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** When the job may start, given the place in the queue it already has ({@code held}, null at first). */
    public Admission admit(JobRequest request, StartQueue held, Instant now) {
        if (!config.enabled()) {
            return new Admission.Go(now);
        }
        double limit = limit(request);
        Duration interval = limit > 0 ? Duration.ofNanos(Math.round(1e9 / (limit * config.headroom()))) : null;
        // Back with its slot: it goes on it (or at once, if the wait ran long; the gate keeps it from crowding the
        // requests after it). A paused model starts nobody, not even a job that holds a slot from before the pause.
        if (held != null && held.slot() != null && interval != null) {
            return atSlot(held, held.slot(), now);
        }
        Instant since = held == null ? now : held.since();
        Duration queued = Duration.between(since, now);
        if (queued.compareTo(config.maxQueue()) > 0) {
            return new Admission.TimedOut(JobFailure.of(
                    ErrorCode.JOB_QUEUE_TIMEOUT,
                    "waited " + queued.toSeconds() + " s for a start of model " + request.model()
                            + " under its rate limit (" + describe(request) + "), more than imagine.job.rate.max-queue"
                            + " (" + config.maxQueue().toSeconds() + " s)"));
        }
        if (interval == null) {
            LOG.infof(
                    "model %s is paused (its rate limit is 0): asking again in %s", request.model(), config.recheck());
            return recheck(since);
        }
        // Never sooner than the settle time: the slot's write must be answered before the slot comes.
        Instant earliest = now.plus(config.settle());
        Optional<Instant> slot = slots.take(request.model(), earliest, interval, now.plus(config.maxAhead()));
        if (slot.isEmpty()) {
            LOG.infof(
                    "model %s: no start slot within %s (the queue is full): asking again in %s",
                    request.model(), config.maxAhead(), config.recheck());
            return recheck(since);
        }
        return atSlot(new StartQueue(since, slot.get()), slot.get(), now);
    }

    /**
     * Waits in this invocation until {@code at}, which {@link #admit} put within the lead of now, then passes the
     * model's gate: the request goes out on its slot to the millisecond (the state machine's whole-second waits could
     * not send it so), and never closer to the model's last request than {@link #gap}, however late either came
     * (a paused container, a long wait). False when the gate stays shut for a whole lead: the job asks again.
     */
    public boolean awaitSlot(JobRequest request, Instant at) {
        if (!config.enabled()) {
            return true;
        }
        long longest = Math.max(config.lead().toMillis(), 1000 + config.lead().toMillis() / 2);
        sleep(Math.min(Duration.between(clock.instant(), at).toMillis(), longest));
        Duration gap = gap(limit(request));
        long step = Math.max(5, gap.toMillis() / 20);
        Instant passed = clock.instant();
        for (long waited = 0; !slots.pass(request.model(), passed, gap); waited += step) {
            if (waited >= config.lead().toMillis()) {
                LOG.infof("model %s: the gate stayed shut for %s; asking again", request.model(), config.lead());
                return false;
            }
            sleep(step);
            passed = clock.instant();
        }
        // The gate recorded the moment it was asked; a slow answer sends the request later than that, so the time
        // is brought up to now (a few times at most: DynamoDB answers in milliseconds).
        for (int i = 0; i < 3 && Duration.between(passed, clock.instant()).compareTo(STAMP_TOLERANCE) > 0; i++) {
            passed = clock.instant();
            slots.stamp(request.model(), passed);
        }
        return true;
    }

    /**
     * The least time between two requests at the gate: the limit's own interval and half the headroom's share of it
     * (1.025 s at 1 a second), so that requests a little late on their slots catch up, and a request that reaches
     * xAI a few milliseconds sooner than the one before it still finds its token.
     */
    private Duration gap(double limit) {
        return Duration.ofNanos(Math.round(1e9 / limit * (1 + (1 - config.headroom()) / 2)));
    }

    private void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobUnavailable("interrupted while waiting for a start slot", e);
        }
    }

    /** A job that could not pass the gate asks again shortly, keeping the time it has waited. */
    public Admission.Wait missed(Instant since) {
        return new Admission.Wait(new StartQueue(since, null), 1);
    }

    /** xAI refused a start with 429 all the same (another client on the key): no start of the model before then. */
    public void throttled(JobRequest request, long retryAfterSeconds, Instant now) {
        if (!config.enabled()) {
            return;
        }
        Instant until = now.plusSeconds(Math.max(1, retryAfterSeconds));
        LOG.warnf("model %s: xAI answered 429 to a start; no start of it before %s", request.model(), until);
        slots.holdUntil(request.model(), until);
    }

    /** The model's limit in requests per second: its own, or its kind's. */
    double limit(JobRequest request) {
        Double own = config.models().get(request.model());
        return own != null ? own : request.operation().video() ? config.video() : config.image();
    }

    private Admission atSlot(StartQueue queue, Instant slot, Instant now) {
        long ahead = Duration.between(now, slot).toMillis();
        // Back well before the slot (four fifths of the lead), so that submit sends on time whatever the way back
        // takes (the Wait's wake-up, a Poll that passes the state through, a cold container); a slot closer than the
        // state machine's shortest wait (1 s) is waited for here.
        long untilBack = ahead - config.lead().toMillis() * 4 / 5;
        if (ahead <= config.lead().toMillis() || untilBack < 1000) {
            return new Admission.Go(slot);
        }
        return new Admission.Wait(queue, (int) (untilBack / 1000));
    }

    private Admission recheck(Instant since) {
        return new Admission.Wait(
                new StartQueue(since, null), (int) Math.max(1, config.recheck().toSeconds()));
    }

    private String describe(JobRequest request) {
        double limit = limit(request);
        return limit <= 0 ? "paused: its limit is 0" : limit + " requests per second";
    }

    /** Settings that cannot work stop the function at start-up, each named by its key. */
    private static void check(JobConfig.Rate rate) {
        require(rate.headroom() > 0 && rate.headroom() <= 1, "imagine.job.rate.headroom", "must be in (0, 1]");
        require(rate.image() >= 0, "imagine.job.rate.image", "must be 0 (paused) or more");
        require(rate.video() >= 0, "imagine.job.rate.video", "must be 0 (paused) or more");
        for (Map.Entry<String, Double> model : rate.models().entrySet()) {
            require(
                    model.getValue() >= 0,
                    "imagine.job.rate.models.\"" + model.getKey() + "\"",
                    "must be 0 (paused) or more");
        }
        require(!rate.lead().isNegative(), "imagine.job.rate.lead", "must not be negative");
        require(
                !rate.settle().isNegative() && rate.settle().compareTo(rate.lead()) <= 0,
                "imagine.job.rate.settle",
                "must be between 0 and the lead");
        require(rate.maxAhead().compareTo(rate.lead()) > 0, "imagine.job.rate.max-ahead", "must be over the lead");
        require(rate.recheck().toSeconds() >= 1, "imagine.job.rate.recheck", "must be 1 s or more");
        require(
                !rate.maxQueue().isNegative() && !rate.maxQueue().isZero(),
                "imagine.job.rate.max-queue",
                "must be positive");
    }

    private static void require(boolean holds, String key, String rule) {
        if (!holds) {
            throw new IllegalArgumentException(key + " " + rule);
        }
    }
}
