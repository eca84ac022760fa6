package io.imagineflow.sim;

import java.util.EnumSet;
import java.util.Set;

/** What the simulator can do wrong, as xAI sometimes does. */
public enum Fault {
    /** HTTP 429 with a Retry-After; nothing is processed. */
    THROTTLED(Scope.ANY),
    /** HTTP 500; nothing is processed. */
    SERVER_ERROR(Scope.ANY),
    /** HTTP 503; nothing is processed. */
    UNAVAILABLE(Scope.ANY),
    /** The request is processed, then the answer comes later than the client waits. */
    SLOW_RESPONSE(Scope.ANY),
    /**
     * The generation is accepted (xAI will bill it), then the answer is held as long as a slow one and the
     * prompt reported at {@code GET /sim/stalled}: the window in which a caller that dies has started a paid job
     * without learning its id. The reliability soak kills the submit that waits here.
     */
    STALLED_AFTER_ACCEPT(Scope.START),
    /** The connection is closed before anything is processed or answered. */
    DROPPED_CONNECTION(Scope.ANY),
    /** The request is processed, then the answer is cut-off JSON. */
    MALFORMED_BODY(Scope.ANY),
    /** The generation ends in HTTP 400 {@code imagine:content-moderated}, billed. */
    MODERATED_HTTP(Scope.GENERATION),
    /** The generation ends {@code done} with {@code respect_moderation: false}, billed. */
    MODERATED_DONE(Scope.GENERATION),
    /** The generation ends {@code failed} with an error code. */
    FAILED(Scope.GENERATION),
    /** The generation ends {@code expired}. */
    EXPIRED(Scope.GENERATION),
    /** A poll of a known request answers 404. */
    NOT_FOUND(Scope.POLL),
    /** The generation goes well, but xAI's PUT to the output's upload URL is refused (its signature broken). */
    UPLOAD_REFUSED(Scope.UPLOAD),
    /** xAI's PUT to the upload URL comes late: as long as a slow response after the generation is done. */
    UPLOAD_SLOW(Scope.UPLOAD),
    /** xAI's PUT to the upload URL breaks off halfway: the object is never complete. */
    UPLOAD_CUT_OFF(Scope.UPLOAD);

    /** Which requests a fault can hit. */
    public enum Scope {
        ANY,
        START,
        GENERATION,
        POLL,
        /** xAI's upload of a finished output to the request's {@code output} URLs (drawn at the start). */
        UPLOAD
    }

    public final Scope scope;

    Fault(Scope scope) {
        this.scope = scope;
    }

    public boolean appliesTo(Route route) {
        return switch (scope) {
            case ANY -> true;
            case START, GENERATION, UPLOAD -> route.generation();
            case POLL -> route.poll();
        };
    }

    public boolean isOutcome() {
        return scope == Scope.GENERATION;
    }

    public static Set<Fault> all() {
        return EnumSet.allOf(Fault.class);
    }
}
