package io.imagineflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.events.Executions;
import io.imagineflow.job.ErrorCode;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobPage;
import io.imagineflow.job.JobQuery;
import io.imagineflow.job.JobRecord;
import io.imagineflow.job.JobStore;
import io.imagineflow.job.JobUnavailable;
import io.imagineflow.job.RecordStatus;
import io.imagineflow.job.Violation;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The job API (infra/api/openapi.yaml): {@code POST /jobs}, {@code GET /jobs/{id}}, {@code GET /jobs},
 * {@code POST /jobs/{id}/cancel}, {@code POST /batches} and {@code GET /batches/{id}} (BatchApi), from one API Gateway event to its answer. Errors are JSON with the catalogue's
 * code, a message, and for a bad request each broken rule by field.
 */
@ApplicationScoped
public class JobApi {

    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern TAG = Pattern.compile("([A-Za-z0-9_.:/=+@-]{1,128}):(.{0,256})");

    private final JobStarter starter;
    private final BatchApi batches;
    private final JobStore store;
    private final Executions executions;
    private final Cancellation cancellation;
    private final JobView views;
    private final ObjectMapper json;
    private final Clock clock;

    JobApi(
            JobStarter starter,
            BatchApi batches,
            JobStore store,
            Executions executions,
            Cancellation cancellation,
            JobView views,
            ObjectMapper json,
            Clock clock) {
        this.starter = starter;
        this.batches = batches;
        this.store = store;
        this.executions = executions;
        this.cancellation = cancellation;
        this.views = views;
        this.json = json;
        this.clock = clock;
    }

    public ApiResponse handle(JsonNode event) {
        ApiRequest request = ApiRequest.of(event);
        try {
            return switch (request.route()) {
                case JOBS ->
                    switch (request.method()) {
                        case "POST" -> starter.start(event);
                        case "GET" -> list(request);
                        default -> notAllowed("GET, POST");
                    };
                case JOB -> request.method().equals("GET") ? get(jobId(request)) : notAllowed("GET");
                case CANCEL -> request.method().equals("POST") ? cancel(jobId(request)) : notAllowed("POST");
                case BATCHES -> request.method().equals("POST") ? batches.start(event) : notAllowed("POST");
                case BATCH -> request.method().equals("GET") ? batches.get(request.jobId()) : notAllowed("GET");
                case UNKNOWN ->
                    error(
                            404,
                            "NotFound",
                            "no such route: the API has /jobs, /jobs/{id}, /jobs/{id}/cancel, /batches and"
                                    + " /batches/{id}");
            };
        } catch (JobInvalid e) {
            return ApiResponse.invalid(json, e);
        } catch (JobUnavailable e) {
            return error(
                    503, ErrorCode.JOB_UNAVAILABLE.code(), "the job store or Step Functions is unavailable; try again");
        }
    }

    private ApiResponse get(String jobId) {
        Optional<JobRecord> record = store.find(jobId);
        if (record.isPresent()) {
            return ok(200, views.of(record.get()));
        }
        if (executions.runningInput(jobId).isPresent()) {
            return ok(200, views.starting(jobId));
        }
        return unknown(jobId);
    }

    private ApiResponse cancel(String jobId) {
        Cancellation.Result result = cancellation.cancel(jobId);
        if (result instanceof Cancellation.Result.Cancelled c) {
            return ok(200, views.of(c.record()));
        }
        if (result instanceof Cancellation.Result.Requested r) {
            return ok(202, views.of(r.record()));
        }
        if (result instanceof Cancellation.Result.AlreadyEnded e) {
            return ok(409, views.of(e.record()));
        }
        return unknown(jobId);
    }

    private ApiResponse list(ApiRequest request) {
        List<Violation> violations = new ArrayList<>();
        RecordStatus status = request.param("status")
                .map(s -> Arrays.stream(RecordStatus.values())
                        .filter(v -> v.id().equals(s))
                        .findFirst()
                        .orElseGet(() -> {
                            violations.add(new Violation("status", "must be one of " + statuses()));
                            return null;
                        }))
                .orElse(null);
        String user = request.param("user").orElse(null);
        if (user != null && (user.isEmpty() || user.length() > 256)) {
            violations.add(new Violation("user", "must be 1 to 256 characters"));
        }
        String tagKey = null;
        String tagValue = null;
        Optional<String> tag = request.param("tag");
        if (tag.isPresent()) {
            var m = TAG.matcher(tag.get());
            if (m.matches()) {
                tagKey = m.group(1);
                tagValue = m.group(2);
            } else {
                violations.add(
                        new Violation("tag", "must be key:value (a tag key of the job request, then its value)"));
            }
        }
        int limit = JobQuery.DEFAULT_LIMIT;
        Optional<String> given = request.param("limit");
        if (given.isPresent()) {
            try {
                limit = Integer.parseInt(given.get());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > JobQuery.MAX_LIMIT) {
                violations.add(new Violation("limit", "must be an integer from 1 to " + JobQuery.MAX_LIMIT));
            }
        }
        String next = request.param("next").orElse(null);
        if (!violations.isEmpty()) {
            throw new JobInvalid(violations);
        }
        JobPage page = store.list(new JobQuery(status, user, tagKey, tagValue, limit, next), clock.instant());
        return ok(200, json.valueToTree(page));
    }

    private static String jobId(ApiRequest request) {
        if (request.jobId() == null || !JOB_ID.matcher(request.jobId()).matches()) {
            throw new JobInvalid("id", "must be a job id (1 to 80 letters, digits, '-' or '_')");
        }
        return request.jobId();
    }

    private static String statuses() {
        return Arrays.stream(RecordStatus.values())
                .map(RecordStatus::id)
                .toList()
                .toString();
    }

    private ApiResponse unknown(String jobId) {
        return error(404, "JobNotFound", "no job " + jobId);
    }

    private ApiResponse notAllowed(String allowed) {
        return error(405, "MethodNotAllowed", "this route takes " + allowed);
    }

    private ApiResponse error(int status, String code, String message) {
        return ApiResponse.error(json, status, code, message);
    }

    private static ApiResponse ok(int status, JsonNode body) {
        return ApiResponse.json(status, body.toString());
    }
}
