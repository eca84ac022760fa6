package io.imagineflow.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.job.Completions;
import io.imagineflow.job.JobRecord;
import io.imagineflow.job.JobUnavailable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The completion event: when a bus is configured, each final record goes out on EventBridge as
 * {@code Imagine Job Succeeded} or {@code Imagine Job Failed} (source {@code imagine-flow}), the record as its
 * detail, so that users react to finished jobs with ordinary EventBridge rules.
 */
@ApplicationScoped
public class CompletionEvents implements Completions {

    /** {@code IMAGINE_EVENTS_BUS_NAME}: the bus (name or ARN); unset, no event is sent. */
    @ConfigMapping(prefix = "imagine.events")
    public interface Config {
        Optional<String> busName();

        @WithDefault("imagine-flow")
        String source();
    }

    private final Config config;
    private final Instance<EventBridgeClient> eventBridge;
    private final ObjectMapper json;

    CompletionEvents(Config config, Instance<EventBridgeClient> eventBridge, ObjectMapper json) {
        this.config = config;
        this.eventBridge = eventBridge;
        this.json = json;
    }

    @Override
    public boolean enabled() {
        return config.busName().isPresent();
    }

    @Override
    public void announce(JobRecord record) {
        String detail;
        try {
            detail = json.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String type = switch (record.status()) {
            case SUCCEEDED -> "Imagine Job Succeeded";
            case CANCELLED -> "Imagine Job Cancelled";
            default -> "Imagine Job Failed";
        };
        PutEventsResponse response;
        try {
            response = eventBridge
                    .get()
                    .putEvents(
                            b -> b.entries(e -> e.eventBusName(config.busName().orElseThrow())
                                    .source(config.source())
                                    .detailType(type)
                                    .detail(detail)));
        } catch (SdkException e) {
            throw new JobUnavailable("the completion event of job " + record.jobId() + " could not be sent", e);
        }
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var entry = response.entries().get(0);
            throw new JobUnavailable(
                    "EventBridge refused the completion event of job " + record.jobId() + " (" + entry.errorCode()
                            + ": " + entry.errorMessage() + ")",
                    null);
        }
    }
}
