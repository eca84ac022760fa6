package io.imagineflow.functions;

import io.imagineflow.job.JobThrottled;
import io.quarkus.funqy.runtime.ApplicationException;
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
    void anErrorOutsideTheCatalogueIsReportedAsInternalWithoutItsClassName() {
        ErrorNames named = ErrorNames.of("java.lang.IllegalStateException", "io.imagineflow.job.JobThrottled: no");

        assertEquals("io.imagineflow.job.JobInternal", named.errorType());
        assertEquals("io.imagineflow.job.JobThrottled: no", named.errorMessage());
    }

    @Test
    void aParserErrorIsARefusalOfTheEventWithoutLibraryNames() {
        ErrorNames named = ErrorNames.of(
                "com.fasterxml.jackson.core.exc.StreamConstraintsException",
                "Document nesting depth (262145) exceeds the maximum allowed (262144, from"
                        + " `StreamReadConstraints.getMaxNestingDepth()`)");

        assertEquals("io.imagineflow.job.JobInvalid", named.errorType());
        assertEquals(
                "event: is not valid JSON (Document nesting depth (262145) exceeds the maximum allowed (262144))",
                named.errorMessage());
    }

    @Test
    void aWrappedErrorWithoutAMessageKeepsAnEmptyOne() {
        ErrorNames named = ErrorNames.of(ApplicationException.class.getName(), "java.lang.NullPointerException");

        assertEquals("io.imagineflow.job.JobInternal", named.errorType());
        assertEquals("", named.errorMessage());
    }
}
