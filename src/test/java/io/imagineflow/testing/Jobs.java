package io.imagineflow.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.events.EventTranslator;
import io.imagineflow.job.JobState;
import io.imagineflow.job.SubmitService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Starts jobs from inside a test whose Lambda exports poll or finalize, by the same services submit uses, and
 * turns states into the JSON the state machine would pass on.
 */
@ApplicationScoped
public class Jobs {

    @Inject
    EventTranslator translator;

    @Inject
    SubmitService submit;

    @Inject
    ObjectMapper json;

    public ObjectNode start(String eventJson) {
        try {
            JobState state = submit.submit(translator.translate(json.readTree(eventJson)));
            return json.valueToTree(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
