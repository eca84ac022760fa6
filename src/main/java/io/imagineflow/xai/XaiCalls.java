package io.imagineflow.xai;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.imagineflow.job.JobConfig;
import io.imagineflow.ops.Metric;
import io.imagineflow.ops.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs one xAI call with short, bounded retries. Reads are retried when throttled or unavailable. A call that
 * starts a paid generation is retried only on 429: after a 5xx, a timeout or a lost answer xAI may already
 * have accepted (and will bill) the job, so sending it again could pay twice.
 */
@ApplicationScoped
public class XaiCalls {

    private static final Logger LOG = Logger.getLogger(XaiCalls.class);

    private final XaiConfig.Retry policy;
    private final Metrics metrics;
    private final boolean startsGoverned;

    XaiCalls(XaiConfig config, Metrics metrics, JobConfig jobs) {
        this.policy = config.retry();
        this.metrics = metrics;
        this.startsGoverned = jobs.rate().enabled();
    }

    /** A call that changes nothing on xAI's side: safe to repeat. */
    public <T> T read(String operation, Supplier<T> call) {
        return run(operation, call, true);
    }

    /**
     * A status look at a request xAI gave us the id of: a read whose 404 is believed only when it persists. A
     * 404 for an id xAI just answered for can be a moment's inconsistency, and ending the job on it would lose a
     * result that xAI has made and billed; an id that is really gone answers 404 to every look.
     */
    public <T> T look(String operation, Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return read(operation, call);
            } catch (XaiException.NotFound gone) {
                if (attempt + 1 >= policy.notFoundLooks()) {
                    throw gone;
                }
                LOG.debugf("xAI %s: 404, look %d of %d", operation, attempt + 1, policy.notFoundLooks());
                sleep(backoff(attempt));
            }
        }
    }

    /** A call that may start (and bill) work: repeated only when xAI said it did not take it (429). */
    public <T> T send(String operation, Supplier<T> call) {
        return run(operation, call, false);
    }

    private <T> T run(String operation, Supplier<T> call, boolean idempotent) {
        for (int attempt = 0; ; attempt++) {
            try {
                return once(call);
            } catch (XaiException e) {
                if (e instanceof XaiException.Throttled) {
                    // Every 429, retried here or not: "start" is a call that may start work (a generation, an
                    // upload to xAI Files), "read" a status look or any other read.
                    metrics.put(Metric.XAI_THROTTLED, 1, Map.of(Metric.Dimensions.CALL, idempotent ? "read" : "start"));
                    LOG.infof("xAI %s: 429 (throttled), attempt %d", operation, attempt + 1);
                }
                Duration delay = delayBeforeRetry(e, attempt, idempotent);
                if (delay == null) {
                    throw e;
                }
                LOG.debugf(
                        "xAI %s: %s, attempt %d, retrying in %d ms",
                        operation, e.errorName(), attempt + 1, delay.toMillis());
                sleep(delay);
            }
        }
    }

    private Duration delayBeforeRetry(XaiException e, int attempt, boolean idempotent) {
        if (attempt >= policy.maxRetries()) {
            return null;
        }
        if (e instanceof XaiException.Throttled throttled) {
            if (!idempotent && startsGoverned) {
                // A start goes out on a slot the rate governor gave it; sent again here, it would go out on none
                // and crowd the slots of other jobs. The 429 goes back to the governor, which holds the model back
                // and gives the job a later slot (SubmitService).
                return null;
            }
            if (throttled.retryAfterSeconds() < 0) {
                return backoff(attempt);
            }
            Duration wait = Duration.ofSeconds(throttled.retryAfterSeconds());
            return wait.compareTo(policy.maxRetryAfter()) <= 0 ? wait : null;
        }
        return idempotent && e instanceof XaiException.Unavailable ? backoff(attempt) : null;
    }

    /** Exponential with jitter between half and all of the step, so that parallel callers spread out. */
    private Duration backoff(int attempt) {
        long base = policy.initialBackoff().toMillis() << Math.min(attempt, 20);
        long capped = Math.min(base, policy.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static <T> T once(Supplier<T> call) {
        try {
            return call.get();
        } catch (XaiException e) {
            throw e;
        } catch (WebApplicationException e) {
            var response = e.getResponse();
            if (response == null || response.getStatus() < 400) {
                throw failureWithoutAnswer(e); // a 2xx whose body could not be read
            }
            // Only reached if an error status slipped past XaiResponseMapper; map it the same way.
            throw XaiErrors.fromResponse(
                    response.getStatus(), null, response.getHeaderString("Retry-After"), Clock.systemUTC());
        } catch (ProcessingException e) {
            throw failureWithoutAnswer(e);
        }
    }

    /**
     * What a failure without an HTTP answer means: an {@link XaiException} raised on the way (no key, say) as
     * itself, however the REST client wrapped it; anything else as {@link XaiException.Unavailable}.
     */
    static XaiException failureWithoutAnswer(Throwable failure) {
        XaiException.Unavailable.Reason reason = XaiException.Unavailable.Reason.CONNECTION;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof XaiException already) {
                return already;
            }
            // Checked first: a connect timeout is a timeout, but one that sent nothing.
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                reason = XaiException.Unavailable.Reason.NOT_CONNECTED;
                break;
            }
            if (t instanceof JsonProcessingException) {
                reason = XaiException.Unavailable.Reason.MALFORMED_RESPONSE;
                break;
            }
            if (t.getClass().getSimpleName().contains("Timeout")) {
                reason = XaiException.Unavailable.Reason.TIMEOUT;
                break;
            }
        }
        String detail = switch (reason) {
            case MALFORMED_RESPONSE -> "xAI's answer could not be read";
            case TIMEOUT -> "xAI did not answer in time";
            case NOT_CONNECTED -> "xAI could not be reached";
            default -> "the connection to xAI failed";
        };
        return new XaiException.Unavailable(
                detail + " (" + failure.getClass().getSimpleName() + ")", 0, null, reason, failure);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XaiException.Unavailable(
                    "interrupted while waiting to retry", 0, null, XaiException.Unavailable.Reason.NOT_CONNECTED, e);
        }
    }
}
