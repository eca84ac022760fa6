package io.imagineflow.functions;

import io.quarkus.funqy.runtime.ApplicationException;
import io.imagineflow.job.JobThrottled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Lambda reports the function's own error, not Funqy's wrapper around it. */
class ErrorNamesTest {

    @Test
    void funqysWrapperGivesWayToTheErrorItWraps() {
        ApplicationException wrapped =
                new ApplicationException(new JobThrottled("xAI answered 429: slow down", 5, null));

        ErrorNames named = ErrorNames.of(wrapped.getClass().getName(), wrapped.getMessage());

        assertEquals("io.imagineflow.job.JobThrottled", named.errorType());
        assertEquals("xAI answered 429: slow down", named.errorMessage());
        assertSame(wrapped.getCause(), ErrorNames.unwrap(wrapped));
    }

    @Test
    void anyOtherErrorKeepsItsName() {
        ErrorNames named = ErrorNames.of("java.lang.IllegalStateException", "io.imagineflow.job.JobThrottled: no");

        assertEquals("java.lang.IllegalStateException", named.errorType());
        assertEquals("io.imagineflow.job.JobThrottled: no", named.errorMessage());
    }

    @Test
    void aWrappedErrorWithoutAMessageKeepsAnEmptyOne() {
        ErrorNames named = ErrorNames.of(ApplicationException.class.getName(), "java.lang.NullPointerException");

        assertEquals("java.lang.NullPointerException", named.errorType());
        assertEquals("", named.errorMessage());
    }
}
