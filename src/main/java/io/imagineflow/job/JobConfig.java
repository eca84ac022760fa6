package io.imagineflow.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The product's own settings: request limits, default models, poll schedule, deadlines and claims. */
@ConfigMapping(prefix = "imagine.job")
public interface JobConfig {

    Models models();

    Limits limits();

    Poll poll();

    Submit submit();

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
     * The adaptive schedule: the first wait is what the operation is expected to take, the next ones follow the
     * progress xAI reports (or back off when it reports none), always between {@code min-wait} and
     * {@code max-wait} and never past the deadline.
     */
    interface Poll {
        @WithDefault("PT5S")
        Duration imageFirstWait();

        @WithDefault("PT8S")
        Duration imageEditFirstWait();

        /** Video: a fixed part plus a part per second of output at each resolution. */
        @WithDefault("PT6S")
        Duration videoBaseWait();

        @WithDefault("PT1.5S")
        Duration videoPerSecond480p();

        @WithDefault("PT2.5S")
        Duration videoPerSecond720p();

        @WithDefault("PT4S")
        Duration videoPerSecond1080p();

        @WithDefault("PT1S")
        Duration minWait();

        @WithDefault("PT30S")
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
}
