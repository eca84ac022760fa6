package io.imagineflow.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.events.EventTranslator;
import io.imagineflow.events.Executions;
import io.imagineflow.job.ErrorCode;
import io.imagineflow.job.JobFailure;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobNews;
import io.imagineflow.job.JobRecord;
import io.imagineflow.job.JobRequest;
import io.imagineflow.job.JobStore;
import io.imagineflow.job.JobUnavailable;
import io.imagineflow.job.RecordStatus;
import io.imagineflow.ops.LogContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /jobs/{id}/cancel}. The cancel is first written into the running record (so that the job's next
 * poll ends it, should the rest fail), then the execution is stopped, then the record is ended as cancelled with
 * one conditional write. xAI has no cancel: the record says whether xAI had taken the generation, which is then
 * billed. A job that ended first keeps its record; a cancelled one answers the same again.
 */
@ApplicationScoped
public class Cancellation {

    private static final Logger LOG = Logger.getLogger(Cancellation.class);

    /** How a cancel went. */
    public sealed interface Result {
        /** Cancelled now or before: the record says so. */
        record Cancelled(JobRecord record) implements Result {}

        /** The job had ended another way; its record is unchanged. */
        record AlreadyEnded(JobRecord record) implements Result {}

        /** Recorded, and the job ends at its next poll: Step Functions could not stop it now. */
        record Requested(JobRecord record) implements Result {}

        /** No such job. */
        record Unknown() implements Result {}
    }

    private final JobStore store;
    private final Executions executions;
    private final EventTranslator translator;
    private final JobNews news;
    private final ObjectMapper json;
    private final Clock clock;

    Cancellation(
            JobStore store,
            Executions executions,
            EventTranslator translator,
            JobNews news,
            ObjectMapper json,
            Clock clock) {
        this.store = store;
        this.executions = executions;
        this.translator = translator;
        this.news = news;
        this.json = json;
        this.clock = clock;
    }

    public Result cancel(String jobId) {
        LogContext.job(jobId, null);
        Instant now = clock.instant();
        Optional<JobRecord> found = store.find(jobId);
        if (found.isPresent() && found.get().status().terminal()) {
            return ended(found.get());
        }
        JobRequest asked = null;
        if (found.isEmpty()) {
            // Started, not yet claimed: the execution's input says what was asked (the webhook to tell, above all).
            Optional<String> input = executions.runningInput(jobId);
            if (input.isEmpty()) {
                return new Result.Unknown();
            }
            asked = asked(input.get());
        }
        Optional<JobRecord> requested = store.cancelRequested(jobId, now);
        try {
            executions.stop(jobId, "cancelled at its owner's request (POST /jobs/" + jobId + "/cancel)");
        } catch (JobUnavailable e) {
            if (requested.isPresent()) {
                LOG.warnf(
                        "job %s: the execution could not be stopped now (%s); its next poll ends it",
                        jobId, e.getMessage());
                return new Result.Requested(requested.get());
            }
            throw e;
        }
        JobRecord record = store.cancel(
                jobId,
                now,
                JobFailure.of(ErrorCode.JOB_CANCELLED, "cancelled at " + now + " at its owner's request"),
                asked);
        if (record.status() != RecordStatus.CANCELLED) {
            return new Result.AlreadyEnded(record);
        }
        LOG.infof(
                "job %s: cancelled (%s)",
                jobId,
                Boolean.TRUE.equals(record.cancel().xaiAccepted())
                        ? "xAI had taken it: billed"
                        : "xAI had not taken it");
        return new Result.Cancelled(news.ended(record, now));
    }

    /** The request of a started execution's event; null when it cannot be read (the cancel goes on without it). */
    private JobRequest asked(String input) {
        try {
            return translator.translate(json.readTree(input)).request();
        } catch (JobInvalid | java.io.IOException e) {
            return null;
        }
    }

    private static Result ended(JobRecord record) {
        return record.status() == RecordStatus.CANCELLED
                ? new Result.Cancelled(record)
                : new Result.AlreadyEnded(record);
    }
}
