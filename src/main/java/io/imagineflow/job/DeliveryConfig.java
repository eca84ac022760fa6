package io.imagineflow.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Delivery of outputs into the user's S3 bucket. {@code default-target} (IMAGINE_DELIVERY_DEFAULT_TARGET,
 * {@code s3://bucket/prefix/}) is where a job goes that names no {@code deliver_to}; unset, such jobs are not
 * delivered. {@code allowed-buckets} (IMAGINE_DELIVERY_ALLOWED_BUCKETS) lists what a request may name, each entry
 * a bucket or {@code bucket/prefix/}; unset, only the default target is allowed. The template grants the
 * functions S3 rights on exactly these places.
 */
@ConfigMapping(prefix = "imagine.delivery")
public interface DeliveryConfig {

    Optional<String> defaultTarget();

    Optional<List<String>> allowedBuckets();

    /**
     * How long a presigned upload URL outlives the job's deadline: xAI uploads when the generation is done,
     * which the deadline bounds; the margin covers xAI's upload itself and clock skew.
     */
    @WithDefault("PT15M")
    Duration urlMargin();

    /**
     * The fallback copy moves an output in parts of this size (S3's multipart upload, one part in memory at a
     * time): what bounds the function's memory whatever the video's size. At least 5 MiB, S3's minimum part.
     */
    @WithDefault("8388608")
    int copyPartBytes();
}
