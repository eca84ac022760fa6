package io.imagineflow.functions;

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

    private static final Pattern WRAPPED = Pattern.compile("([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+)(?:: (.*))?",
            Pattern.DOTALL);

    static ErrorNames of(String errorType, String errorMessage) {
        if (ApplicationException.class.getName().equals(errorType) && errorMessage != null) {
            Matcher m = WRAPPED.matcher(errorMessage);
            if (m.matches()) {
                return new ErrorNames(m.group(1), m.group(2) == null ? "" : m.group(2));
            }
        }
        return new ErrorNames(errorType, errorMessage);
    }

    /** The exception a function threw, with Funqy's wrapper taken off. */
    static Throwable unwrap(Throwable thrown) {
        return thrown instanceof ApplicationException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }
}
