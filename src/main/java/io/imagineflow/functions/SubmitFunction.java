package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagineflow.events.EventTranslator;
import io.imagineflow.job.JobState;
import io.imagineflow.job.SubmitService;
import io.quarkus.funqy.Funq;

/** {@code submit}: any supported event in, the job started (or found started), its state out. */
public class SubmitFunction {

    private final EventTranslator translator;
    private final SubmitService service;

    SubmitFunction(EventTranslator translator, SubmitService service) {
        this.translator = translator;
        this.service = service;
    }

    @Funq("submit")
    public JobState submit(JsonNode event) {
        return Invocation.run(() -> service.submit(translator.translate(event)));
    }
}
