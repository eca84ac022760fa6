package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code AudioUrl}: a preset voice or an audio URL (https or data URI), exactly one of them. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AudioUrl(String url, String voiceId) {

    public AudioUrl {
        if ((url == null) == (voiceId == null)) {
            throw new IllegalArgumentException("an audio reference takes exactly one of url and voice_id");
        }
    }

    public static AudioUrl voice(String voiceId) {
        return new AudioUrl(null, voiceId);
    }

    public static AudioUrl url(String url) {
        return new AudioUrl(url, null);
    }
}
