package io.imagineflow.xai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.xai.wire.GenerateImageRequest;
import io.imagineflow.xai.wire.GetDeferredImageResponse;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Warms what the first call to xAI would otherwise pay for: the REST client (built on first use) and the Jackson
 * (de)serializers of xAI's request and answer types. Calls nothing: no request leaves the process.
 */
@ApplicationScoped
public class XaiPriming {

    private static final String DEFERRED_ANSWER = "{\"request_id\":\"priming\",\"status\":\"done\",\"data\":[{\"url\":"
            + "\"https://imgen.x.ai/priming.jpeg\"}],\"usage\":{\"cost_in_usd_ticks\":200000000}}";

    private final XaiApi api;
    private final ObjectMapper json;

    XaiPriming(@RestClient XaiApi api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    public void prime() throws JsonProcessingException {
        // The client proxy builds the REST client on its first use; toString is one that sends nothing.
        api.toString();
        json.writeValueAsString(
                GenerateImageRequest.of("grok-imagine-image", "priming").asDeferred());
        json.readValue(DEFERRED_ANSWER, GetDeferredImageResponse.class);
    }
}
