package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/** How a delivered output reached S3: put there by xAI through its presigned URL, or copied by finalize. */
@RegisterForReflection
public enum Arrival {
    XAI_UPLOAD,
    COPIED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Arrival fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
