package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The seven Imagine operations, named in job requests as {@link #id()}. */
@RegisterForReflection
public enum Operation {
    IMAGE_GENERATE(false),
    IMAGE_EDIT(false),
    TEXT_TO_VIDEO(true),
    IMAGE_TO_VIDEO(true),
    REFERENCE_TO_VIDEO(true),
    VIDEO_EDIT(true),
    VIDEO_EXTEND(true);

    private final boolean video;

    Operation(boolean video) {
        this.video = video;
    }

    /** Whether it makes a video, which decides the endpoint polled and the model family. */
    public boolean video() {
        return video;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts {@code image_edit}, {@code image-edit} or {@code IMAGE_EDIT}. */
    public static Optional<Operation> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String normal = id.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(op -> op.name().equals(normal)).findFirst();
    }

    public static String ids() {
        return Arrays.stream(values()).map(Operation::id).collect(Collectors.joining(", "));
    }
}
