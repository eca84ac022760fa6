package io.imagineflow.xai;

/**
 * Everything that can go wrong talking to xAI, mapped once from the HTTP status and body. {@link #errorName()}
 * is the xAI client's own name for the kind (its logs and tests say it); it never leaves the xAI package:
 * {@link XaiImagine} turns each into a job error or outcome of the catalogue ({@code io.imagineflow.job.ErrorCode}),
 * which is what the state machine matches and records keep. Messages carry xAI's text with anything that looks
 * like a key removed, never the request's headers.
 */
public abstract sealed class XaiException extends RuntimeException
        permits XaiException.Throttled,
                XaiException.Unavailable,
                XaiException.InvalidRequest,
                XaiException.Unauthorized,
                XaiException.NotFound,
                XaiException.Moderated {

    private final String errorName;
    private final boolean retryable;
    private final int httpStatus;
    private final String xaiCode;

    private XaiException(
            String errorName, boolean retryable, String message, int httpStatus, String xaiCode, Throwable cause) {
        super(KeyRedactor.redact(message), cause);
        this.errorName = errorName;
        this.retryable = retryable;
        this.httpStatus = httpStatus;
        this.xaiCode = xaiCode;
    }

    /** The HTTP status xAI answered with, or 0 when no answer arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** xAI's own error code ({@code invalid-argument}, {@code imagine:content-moderated}...), when it sent one. */
    public String xaiCode() {
        return xaiCode;
    }

    /** True when the same call may succeed later without any change. */
    public boolean retryable() {
        return retryable;
    }

    public String errorName() {
        return errorName;
    }

    /** HTTP 429: too many requests; {@code retryAfter} is xAI's Retry-After in seconds, or -1 when absent. */
    public static final class Throttled extends XaiException {
        private final long retryAfterSeconds;

        public Throttled(String message, String xaiCode, long retryAfterSeconds) {
            super("XaiThrottled", true, message, 429, xaiCode, null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** 5xx, 529, a timeout, a dropped connection or an unreadable answer: xAI may or may not have acted. */
    public static final class Unavailable extends XaiException {
        /**
         * NOT_CONNECTED: the request never reached xAI (refused, unknown host, connect timeout), so nothing was
         * started. The others may come after xAI took the request.
         */
        public enum Reason {
            SERVER_ERROR,
            TIMEOUT,
            CONNECTION,
            NOT_CONNECTED,
            MALFORMED_RESPONSE
        }

        private final Reason reason;

        public Unavailable(String message, int httpStatus, String xaiCode, Reason reason, Throwable cause) {
            super("XaiUnavailable", true, message, httpStatus, xaiCode, cause);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** 400, 413, 415 or 422: the request itself is wrong; sending it again changes nothing. */
    public static final class InvalidRequest extends XaiException {
        public InvalidRequest(String message, int httpStatus, String xaiCode) {
            super("XaiInvalidRequest", false, message, httpStatus, xaiCode, null);
        }
    }

    /** 401 or 403: no key, a wrong key, a blocked team, or credits used up. */
    public static final class Unauthorized extends XaiException {
        public Unauthorized(String message, int httpStatus, String xaiCode) {
            super("XaiUnauthorized", false, message, httpStatus, xaiCode, null);
        }
    }

    /** 404: an unknown model, file or request id (or a deferred image whose result has expired). */
    public static final class NotFound extends XaiException {
        public NotFound(String message, String xaiCode) {
            super("XaiNotFound", false, message, 404, xaiCode, null);
        }
    }

    /**
     * HTTP 400 {@code imagine:content-moderated}: the output was refused by moderation. xAI bills it, so the
     * cost travels with the error; the client turns it into a {@link GenerationStatus.Moderated} outcome.
     */
    public static final class Moderated extends XaiException {
        private final long costInUsdTicks;

        public Moderated(String message, String xaiCode, long costInUsdTicks) {
            super("XaiModerated", false, message, 400, xaiCode, null);
            this.costInUsdTicks = costInUsdTicks;
        }

        public long costInUsdTicks() {
            return costInUsdTicks;
        }
    }
}
