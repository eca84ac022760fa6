package io.imagineflow.functions;

import io.imagineflow.job.JobException;
import io.imagineflow.ops.LogContext;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * One invocation of a function, as its log lines see it: the job fields of the previous one forgotten, a failure
 * said on a line that still names the job (the runtime's own report of it comes after, without them), and the
 * fields cleared at the end. Only the error's name is logged here: a message may quote the event.
 */
final class Invocation {

    private static final Logger LOG = Logger.getLogger(Invocation.class);

    private Invocation() {}

    static <T> T run(Supplier<T> body) {
        LogContext.begin();
        try {
            return body.get();
        } catch (RuntimeException e) {
            Throwable cause = ErrorNames.unwrap(e);
            String name = cause instanceof JobException job
                    ? job.failure().code().code()
                    : cause.getClass().getSimpleName();
            LOG.warnf("invocation failed: %s", name);
            throw e;
        } finally {
            LogContext.end();
        }
    }
}
