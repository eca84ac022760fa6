package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Objects;

/** xAI's {@code StorageOptions}: persist a generated output in xAI Files (and optionally publish it). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StorageOptions(String filename, Long expiresAfter, PublicUrl publicUrl) {

    public StorageOptions {
        Objects.requireNonNull(filename, "filename");
    }

    public static StorageOptions named(String filename) {
        return new StorageOptions(filename, null, null);
    }
}
