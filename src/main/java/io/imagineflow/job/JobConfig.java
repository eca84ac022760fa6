package io.imagineflow.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** The product's own settings: request limits, default models, poll schedule, deadlines and claims. */
@ConfigMapping(prefix = "imagine.job")
public interface JobConfig {

    Models models();

    Limits limits();

    Poll poll();

    Submit submit();

    Rate rate();

    interface Models {
        @WithDefault("grok-imagine-image")
        String image();

        @WithDefault("grok-imagine-video")
        String video();
    }

    /** xAI's documented limits, checked before any call so a bad request costs nothing. */
    interface Limits {
        /** {@code max_prompt_length} of xAI's image models. */
        @WithDefault("1024")
        int imagePromptLength();

        @WithDefault("4096")
        int videoPromptLength();

        /**
         * Bytes of an event: Step Functions carries at most 256 KB from one state to the next, and the event is the
         * execution's input. A bigger one could never have started an execution on AWS; it is refused by name.
         */
        @WithDefault("262144")
        int eventBytes();

        /**
         * Decoded bytes of one data URI input: 180 KiB, whose base64 text (240 KiB) still fits an event of 256 KB.
         * Bigger inputs go through S3 or xAI Files, which the state machine passes by name.
         */
        @WithDefault("184320")
        int dataUriBytes();

        /** xAI Files takes uploads up to 50 MB; a bigger S3 input is refused before it is read. */
        @WithDefault("52428800")
        long uploadBytes();
    }

    /**
     * The poll schedule (docs/polling.md): what each kind of job is expected to take, how far xAI's progress
     * reports are trusted, what a second of delay is worth against one more look, and the bounds of every wait.
     */
    interface Poll {
        /** Generation time of an image: median and 90th percentile (xAI's, observed). */
        @WithDefault("PT8S")
        Duration imageMedian();

        @WithDefault("PT20S")
        Duration imageP90();

        /** An edit reads its input images first. */
        @WithDefault("PT10S")
        Duration imageEditMedian();

        @WithDefault("PT25S")
        Duration imageEditP90();

        /**
         * Video: the median is a fixed part plus a part per second of output at the asked resolution (a 5 s
         * video at 480p: 20 + 5 × 5 = 45 s, as observed), and the 90th percentile a multiple of it (97 s for that
         * video).
         */
        @WithDefault("PT20S")
        Duration videoBase();

        @WithDefault("PT5S")
        Duration videoPerSecond480p();

        @WithDefault("PT9S")
        Duration videoPerSecond720p();

        @WithDefault("PT15S")
        Duration videoPerSecond1080p();

        @WithDefault("2.16")
        double videoP90OverMedian();

        /**
         * What one second between a job's finish and the look that sees it is worth, in looks. Higher: looks closer
         * together and results sooner; lower: fewer polls, state transitions and requests against xAI's limits.
         */
        @WithDefault("1.15")
        double delayWeight();

        /** How far off one progress report can be, as a fraction (each report on its own). */
        @WithDefault("0.3")
        double progressNoise();

        /** How far off all of one job's progress reports can be together, as a fraction (one factor per job). */
        @WithDefault("0.3")
        double progressBias();

        @WithDefault("PT1S")
        Duration minWait();

        /**
         * The longest wait: a job whose progress says it has minutes to go is looked at when it should be done, not
         * every 30 s on the way; a job that reports nothing is still looked at this often in the slow tail.
         */
        @WithDefault("PT120S")
        Duration maxWait();

        /** How long a job may run before it is recorded as timed out. */
        @WithDefault("PT10M")
        Duration imageDeadline();

        @WithDefault("PT30M")
        Duration videoDeadline();
    }

    interface Submit {
        /**
         * How long a submit holds its claim on a job id: the submit function's timeout. Funqy does not hand the
         * Lambda context to functions, so this is configured (IMAGINE_JOB_SUBMIT_CLAIM_HOLD) rather than read from
         * the remaining time. A submit that crashed is taken over once it has passed. The default is the
         * template's submit timeout.
         */
        @WithDefault("PT90S")
        Duration claimHold();

        /** Lifetime in xAI Files of an S3 input uploaded for a job; the upload is reused until shortly before. */
        @WithDefault("P7D")
        Duration uploadExpiresAfter();
    }

    /**
     * The rate governor (docs/rate-limits.md): xAI's limit on generation requests per second, per model, shared
     * by every execution through one DynamoDB item per model. A model's limit of 0 pauses it: its jobs wait.
     */
    interface Rate {
        /** Off: every submit calls xAI at once, and a 429 goes to the state machine's Retry. */
        @WithDefault("true")
        boolean enabled();

        /** Generation requests per second of a model, by model name; models not named take the defaults below. */
        Map<String, Double> models();

        /** Requests per second of an image model not named in {@code models}. */
        @WithDefault("5")
        double image();

        /** Requests per second of a video model not named in {@code models}. */
        @WithDefault("1")
        double video();

        /**
         * The share of a limit the governor uses: starts are spaced by 1 / (limit × headroom) seconds, so that a
         * start sent a little late (the Lambda woke up late, the request took longer) does not land in the same
         * second as the next one on xAI's side.
         */
        @WithDefault("0.95")
        double headroom();

        /**
         * A slot at most this far ahead is waited for inside submit (which then sends the request on time, to the
         * millisecond); a later one is waited for by the state machine, which costs nothing while it waits.
         */
        @WithDefault("PT3S")
        Duration lead();

        /**
         * The soonest a slot is given after it is asked for: the time the slot's write takes to be answered, so
         * that the slot has not passed when its answer comes (one that has is given up for the next).
         */
        @WithDefault("PT0.25S")
        Duration settle();

        /**
         * The furthest ahead a slot is given: beyond it the queue is full, and the job asks again after
         * {@code recheck} (so a paused model, or a burst far over the limit, holds no slots it may never use).
         */
        @WithDefault("PT10M")
        Duration maxAhead();

        /** How long a job without a slot (full queue, paused model) waits before it asks again. */
        @WithDefault("PT60S")
        Duration recheck();

        /**
         * The longest a job may wait for a start, after which it fails with JobQueueTimeout. With the video
         * deadline (30 minutes) it stays within the execution's hour.
         */
        @WithDefault("PT25M")
        Duration maxQueue();
    }
}
