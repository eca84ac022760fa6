package io.imagineflow.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which S3 places a job may deliver to: a request's {@code deliver_to} must lie inside one of the deployment's
 * allowed targets (a bucket, or a bucket and a prefix), and a request that names none gets the deployment's
 * default target, if it has one. Read from configuration once; a bad setting fails the start-up by name.
 */
final class DeliveryRules {

    private final DeliveryTarget defaultTarget;
    private final List<DeliveryTarget> allowed;

    DeliveryRules(DeliveryConfig config) {
        this.defaultTarget = config.defaultTarget()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(uri -> DeliveryTarget.of(uri, "imagine.delivery.default-target"))
                .orElse(null);
        List<DeliveryTarget> targets = new ArrayList<>();
        for (String entry : config.allowedBuckets().orElse(List.of())) {
            String e = entry.strip();
            if (!e.isEmpty()) {
                targets.add(
                        DeliveryTarget.of(e.startsWith("s3://") ? e : "s3://" + e, "imagine.delivery.allowed-buckets"));
            }
        }
        if (targets.isEmpty() && defaultTarget != null) {
            targets.add(defaultTarget);
        }
        this.allowed = List.copyOf(targets);
    }

    /** The target a request's {@code deliver_to} names, or the default when it names none (null: no delivery). */
    DeliveryTarget resolve(Optional<String> requested, String field, Fields fields) {
        if (requested.isEmpty()) {
            return defaultTarget;
        }
        List<Violation> violations = new ArrayList<>();
        DeliveryTarget target = DeliveryTarget.parse(requested.get(), field, violations);
        violations.forEach(v -> fields.fail(v.field(), v.rule()));
        if (target == null) {
            return null;
        }
        if (allowed.stream().noneMatch(a -> a.covers(target))) {
            fields.fail(
                    field,
                    allowed.isEmpty()
                            ? "this deployment delivers to no bucket (IMAGINE_DELIVERY_ALLOWED_BUCKETS is empty)"
                            : "bucket \"" + target.bucket() + "\" with prefix \"" + target.prefix()
                                    + "\" is not one this deployment delivers to (allowed: "
                                    + String.join(
                                            ", ",
                                            allowed.stream()
                                                    .map(DeliveryTarget::uri)
                                                    .toList())
                                    + ")");
            return null;
        }
        return target;
    }
}
