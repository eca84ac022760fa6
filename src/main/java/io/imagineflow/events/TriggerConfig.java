package io.imagineflow.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.util.Map;
import java.util.Optional;

/**
 * Trigger rules: which S3 objects start which job. A rule is named, e.g.
 * {@code imagine.triggers.watercolor.bucket=photos-in}, {@code ...prefix=uploads/},
 * {@code ...operation=image_edit}, {@code ...prompt=Turn {filename} into a watercolor}. The prompt and the
 * storage filename may use {bucket}, {key}, {filename} and {stem}; an object's own {@code prompt} metadata
 * (x-amz-meta-prompt) overrides the rule's prompt. When several rules match, the longest prefix wins.
 */
@ConfigMapping(prefix = "imagine.triggers")
public interface TriggerConfig {

    @WithParentName
    Map<String, Rule> rules();

    interface Rule {
        String bucket();

        @WithDefault("")
        String prefix();

        /** One of the job operations; the object becomes its image or video input. */
        String operation();

        Optional<String> model();

        /** The prompt template; required unless every object carries prompt metadata. */
        Optional<String> prompt();

        /** Job options (n, aspect_ratio, resolution, duration) as strings; numbers are read as numbers. */
        Map<String, String> options();

        /** When set, outputs are stored in xAI Files under this name (a template). */
        Optional<String> storageFilename();

        @WithDefault("false")
        boolean publicUrl();
    }
}
