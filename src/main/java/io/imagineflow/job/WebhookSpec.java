package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.net.URI;
import java.util.List;

/**
 * Where a job's news goes ({@code webhook} of a request): {@code url}, told of the {@code events} it asked for,
 * {@value #COMPLETED} (the job ended, however it ended) and {@value #PROGRESS} (at most one per 10 s while it
 * runs). Checked by {@link WebhookRules}; the address it resolves to is checked again at each delivery.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookSpec(URI url, List<String> events) {

    public static final String COMPLETED = "completed";
    public static final String PROGRESS = "progress";
    public static final List<String> EVENTS = List.of(COMPLETED, PROGRESS);

    public WebhookSpec {
        events = events == null ? List.of(COMPLETED) : List.copyOf(events);
    }

    public boolean wants(String event) {
        return events.contains(event);
    }
}
