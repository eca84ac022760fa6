package io.imagineflow.ops;

import org.jboss.logging.MDC;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every log line of an invocation says about it, beyond its message: the job, xAI's request, the operation,
 * the Step Functions execution and the X-Ray trace, as they become known. They are MDC entries, which the JSON
 * log format writes under {@code mdc}; the metric lines carry the same ones as properties ({@link Metrics}).
 * <p>
 * The Lambda request id is in the MDC as {@code AWSRequestId}: Quarkus's runtime loop (the native executable)
 * puts it there, and {@code LambdaHandler} (AWS's Java runtime) does the same. The function's name is a fixed
 * field of the log format ({@code application.properties}). Nothing here may hold a prompt or a key.
 */
public final class LogContext {

    public static final String JOB_ID = "jobId";
    public static final String XAI_REQUEST_ID = "xaiRequestId";
    public static final String OPERATION = "operation";
    public static final String EXECUTION = "execution";
    public static final String TRACE_ID = "traceId";
    public static final String AWS_REQUEST_ID = "AWSRequestId";

    /** Where both Lambda runtimes put the invocation's X-Ray trace header ({@code Root=1-…;Parent=…;Sampled=…}). */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

    private static final List<String> PER_INVOCATION = List.of(JOB_ID, XAI_REQUEST_ID, OPERATION, EXECUTION, TRACE_ID);

    private LogContext() {}

    /**
     * A new invocation: nothing of the previous one's job stays (an execution environment runs many), and the
     * trace is this invocation's.
     */
    public static void begin() {
        PER_INVOCATION.forEach(MDC::remove);
        put(TRACE_ID, traceRoot(System.getProperty(TRACE_HEADER_PROPERTY)));
    }

    /** The invocation is about this job (either may be null when not known yet). */
    public static void job(String jobId, String operation) {
        put(JOB_ID, jobId);
        put(OPERATION, operation);
    }

    public static void xaiRequest(String xaiRequestId) {
        put(XAI_REQUEST_ID, xaiRequestId);
    }

    /** The Step Functions execution (its ARN or name) the invocation runs for. */
    public static void execution(String execution) {
        put(EXECUTION, execution);
    }

    /**
     * The invocation is over: the runtime's own lines between invocations (and at shutdown) are not the job's.
     */
    public static void end() {
        PER_INVOCATION.forEach(MDC::remove);
    }

    /** The job fields known now, in a fixed order: the properties of a metric line. */
    static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String key : List.of(JOB_ID, XAI_REQUEST_ID, EXECUTION, TRACE_ID, AWS_REQUEST_ID)) {
            Object value = MDC.get(key);
            if (value != null) {
                fields.put(key, value.toString());
            }
        }
        return fields;
    }

    /** {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=…;Sampled=1} gives the root; anything else null. */
    static String traceRoot(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith("Root=") && trimmed.length() > 5) {
                return trimmed.substring(5);
            }
        }
        return null;
    }

    private static void put(String key, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        MDC.put(key, value);
    }
}
