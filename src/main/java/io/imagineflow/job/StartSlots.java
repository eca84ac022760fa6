package io.imagineflow.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Start slots of a model, shared by every execution of every container: the governor's bucket. A slot is a moment
 * when one generation request may be sent. Slots are handed out in the order they are asked for, each at least
 * one {@code interval} after the one before, and none before a time set by {@link #holdUntil} (a 429 from xAI).
 */
public interface StartSlots {

    /**
     * Takes the model's next slot: {@code now} when no slot is taken at or after now, else one interval after the
     * last one taken. Empty when that slot would be later than {@code latest} (nothing is taken then).
     */
    Optional<Instant> take(String model, Instant now, Duration interval, Instant latest);

    /** No slot of the model before {@code until}: xAI refused a request and said when to come back. */
    void holdUntil(String model, Instant until);

    /**
     * The gate a request passes right before it goes out: true, and the model's last request is now, when the last
     * one went out at least {@code gap} ago; false, and nothing changes, when it did not. Slots order the requests;
     * the gate keeps the ones that go out late from going out too close together.
     */
    boolean pass(String model, Instant now, Duration gap);

    /**
     * The model's last request is no earlier than {@code at}: after a gate whose write was answered late, the
     * request goes out later than the gate recorded, and the next one's gap must count from then.
     */
    void stamp(String model, Instant at);
}
