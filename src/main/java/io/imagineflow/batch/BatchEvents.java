package io.imagineflow.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.events.CompletionEvents;
import io.imagineflow.job.JobUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The batch's completion event, {@code Imagine Batch Completed} with the batch record as its detail, on the bus the
 * jobs' completion events go to (none configured, none sent).
 */
@ApplicationScoped
public class BatchEvents {

    private final CompletionEvents.Config config;
    private final Instance<EventBridgeClient> eventBridge;
    private final ObjectMapper json;

    BatchEvents(CompletionEvents.Config config, Instance<EventBridgeClient> eventBridge, ObjectMapper json) {
        this.config = config;
        this.eventBridge = eventBridge;
        this.json = json;
    }

    void completed(BatchRecord record) {
        if (config.busName().isEmpty()) {
            return;
        }
        String detail;
        try {
            detail = json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            var response = eventBridge
                    .get()
                    .putEvents(
                            b -> b.entries(e -> e.eventBusName(config.busName().get())
                                    .source(config.source())
                                    .detailType("Imagine Batch Completed")
                                    .detail(detail)));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                throw new JobUnavailable(
                        "EventBridge refused the completion event of batch " + record.batchId() + " ("
                                + response.entries().get(0).errorCode() + ")",
                        null);
            }
        } catch (SdkException e) {
            throw new JobUnavailable("the completion event of batch " + record.batchId() + " could not be sent", e);
        }
    }
}
