package io.imagineflow.functions;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.imagineflow.job.JobInvalid;
import io.quarkus.funqy.runtime.ApplicationException;

import java.util.Set;
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

    /** Funqy reads the event before any code of ours runs, so an event that is not JSON fails in Jackson. */
    private static final Set<String> UNREADABLE = Set.of(JsonParseException.class.getName(),
            JsonEOFException.class.getName());

    static ErrorNames of(String errorType, String errorMessage) {
        if (UNREADABLE.contains(errorType)) {
            JobInvalid refused = notJson(errorMessage);
            return new ErrorNames(JobInvalid.class.getName(), refused.getMessage());
        }
        if (ApplicationException.class.getName().equals(errorType) && errorMessage != null) {
            Matcher m = WRAPPED.matcher(errorMessage);
            if (m.matches()) {
                return new ErrorNames(m.group(1), m.group(2) == null ? "" : m.group(2));
            }
        }
        return new ErrorNames(errorType, errorMessage);
    }

    /** An event that could not be read as JSON, refused as any other bad input is: by field and rule. */
    static JobInvalid notJson(String parserMessage) {
        String detail = parserMessage == null ? "" : parserMessage.lines().findFirst().orElse("").strip();
        return new JobInvalid("event", "is not valid JSON" + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }

    /** The exception a function threw, with Funqy's wrapper taken off. */
    static Throwable unwrap(Throwable thrown) {
        return thrown instanceof ApplicationException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }
}
