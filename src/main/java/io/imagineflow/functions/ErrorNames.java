package io.imagineflow.functions;

import io.imagineflow.events.EventJson;
import io.imagineflow.job.ErrorCode;
import io.quarkus.funqy.runtime.ApplicationException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error name and message Lambda should report for a failed invocation. Funqy wraps whatever a function
 * throws in its own {@link ApplicationException}, which would give every failure the same name and leave the
 * state machine nothing to match; the real name is the wrapped exception's class, which Funqy keeps at the
 * head of the message ({@code "io.imagineflow.job.JobThrottled: xAI answered HTTP 429..."}).
 */
record ErrorNames(String errorType, String errorMessage) {

    private static final Pattern WRAPPED =
            Pattern.compile("([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+)(?:: (.*))?", Pattern.DOTALL);

    /** Funqy reads the event before any code of ours runs, so an event it cannot read fails in Jackson. */
    private static final String JACKSON = "com.fasterxml.jackson.";

    static ErrorNames of(String errorType, String errorMessage) {
        if (errorType != null && errorType.startsWith(JACKSON)) {
            return refused(EventJson.refused("event", errorType, errorMessage));
        }
        if (ApplicationException.class.getName().equals(errorType) && errorMessage != null) {
            Matcher m = WRAPPED.matcher(errorMessage);
            if (m.matches()) {
                return of(m.group(1), m.group(2) == null ? "" : m.group(2));
            }
        }
        if (ErrorCode.of(errorType)
                .filter(c -> c.raised() == ErrorCode.Raised.FUNCTION)
                .isPresent()) {
            return new ErrorNames(errorType, errorMessage);
        }
        // A defect (a NullPointerException, say): its class is nobody's business downstream, its message may help.
        return new ErrorNames(ErrorCode.JOB_INTERNAL.errorName(), errorMessage == null ? "" : errorMessage);
    }

    private static ErrorNames refused(RuntimeException refusal) {
        return new ErrorNames(refusal.getClass().getName(), refusal.getMessage());
    }

    /** The exception a function threw, with Funqy's wrapper taken off. */
    static Throwable unwrap(Throwable thrown) {
        return thrown instanceof ApplicationException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }
}
