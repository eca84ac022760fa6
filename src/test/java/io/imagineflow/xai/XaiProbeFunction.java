package io.imagineflow.xai;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.util.List;

/**
 * A test-only Lambda function: Funqy will not start without one, and the product's functions (submit, poll,
 * finalize) come with the function-set issue. It also proves that the xAI client works inside a Lambda
 * invocation, through the mock event server.
 */
public class XaiProbeFunction {

    /** The models xAI offers, as one Lambda invocation sees them. */
    public record Models(List<String> image, List<String> video) {
    }

    @Inject
    XaiClient xai;

    @Funq("xai-probe")
    public Models probe() {
        return new Models(xai.imageModels().stream().map(m -> m.id()).toList(),
                xai.videoModels().stream().map(m -> m.id()).toList());
    }
}
