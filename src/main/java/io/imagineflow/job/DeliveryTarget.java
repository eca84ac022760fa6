package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a job's outputs go in S3: a bucket and a key prefix ("" or ending in '/'). Each output's key is
 * {@code <prefix><job id>/<index>.<ext>}, made from the job id and the output's place only, never from a prompt,
 * a filename or anything xAI returns. In JSON it is its URI, {@code s3://bucket/prefix/}.
 */
@RegisterForReflection
public record DeliveryTarget(String bucket, String prefix) {

    /** S3's rules for a general purpose bucket name. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Printable ASCII without the characters S3 advises against in keys; '/' separates the segments. */
    private static final Pattern PREFIX_CHARS = Pattern.compile("[A-Za-z0-9!_.*'()/=+@,-]*");

    private static final int MAX_PREFIX = 512;

    public DeliveryTarget {
        prefix = prefix == null ? "" : prefix;
    }

    /** The target an S3 URI names, or the violations of its rules (empty when it is valid). */
    public static DeliveryTarget parse(String uri, String field, List<Violation> violations) {
        List<Violation> found = new ArrayList<>();
        if (uri == null || !uri.startsWith("s3://")) {
            found.add(new Violation(field, "must be an S3 URI, \"s3://bucket/prefix/\""));
            violations.addAll(found);
            return null;
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        String bucketRule = bucketRule(bucket);
        if (bucketRule != null) {
            found.add(new Violation(field, "bucket \"" + bucket + "\" " + bucketRule));
        }
        String prefixRule = prefixRule(prefix);
        if (prefixRule != null) {
            found.add(new Violation(field, "prefix " + prefixRule));
        }
        violations.addAll(found);
        return found.isEmpty() ? new DeliveryTarget(bucket, prefix) : null;
    }

    /** For configuration: the target, or an exception naming the setting and the rule. */
    public static DeliveryTarget of(String uri, String setting) {
        List<Violation> violations = new ArrayList<>();
        DeliveryTarget target = parse(uri, setting, violations);
        if (target == null) {
            throw new IllegalStateException(violations.get(0).toString());
        }
        return target;
    }

    @JsonCreator
    public static DeliveryTarget fromJson(String uri) {
        return of(uri, "deliverTo");
    }

    private static String bucketRule(String bucket) {
        if (!BUCKET.matcher(bucket).matches()) {
            return "must be 3 to 63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit";
        }
        if (bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.")) {
            return "must not have '..', '.-' or '-.'";
        }
        if (IP_ADDRESS.matcher(bucket).matches()) {
            return "must not look like an IP address";
        }
        if (bucket.startsWith("xn--")
                || bucket.startsWith("sthree-")
                || bucket.endsWith("-s3alias")
                || bucket.endsWith("--ol-s3")) {
            return "uses a prefix or suffix that S3 reserves";
        }
        return null;
    }

    private static String prefixRule(String prefix) {
        if (prefix.isEmpty()) {
            return null;
        }
        if (prefix.length() > MAX_PREFIX) {
            return "may be at most " + MAX_PREFIX + " characters (was " + prefix.length() + ")";
        }
        if (!prefix.endsWith("/")) {
            return "must end with '/' (the job id follows it as a folder)";
        }
        if (!PREFIX_CHARS.matcher(prefix).matches()) {
            return "may hold only letters, digits, '/' and !_.*'()=+@,-";
        }
        if (prefix.startsWith("/") || prefix.contains("//")) {
            return "must not start with '/' or have an empty segment ('//')";
        }
        for (String segment : prefix.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return "must not have a '.' or '..' segment";
            }
        }
        return null;
    }

    /** The key of output {@code index} of {@code jobId}, with the extension of {@code mediaType}. */
    public String key(String jobId, int index, String mediaType) {
        return folder(jobId) + index + "." + extension(mediaType);
    }

    /** Where all of a job's outputs are: {@code <prefix><job id>/}. */
    public String folder(String jobId) {
        return prefix + jobId + "/";
    }

    /** Whether {@code other} lies inside this target (same bucket, its prefix under this one's). */
    public boolean covers(DeliveryTarget other) {
        return bucket.equals(other.bucket) && other.prefix.startsWith(prefix);
    }

    /** The file extension of an output's media type: png, jpg, webp or mp4. */
    public static String extension(String mediaType) {
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "image/png" -> "png";
            case "image/webp" -> "webp";
            case "video/mp4" -> "mp4";
            default -> "jpg";
        };
    }

    @JsonValue
    public String uri() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public String toString() {
        return uri();
    }
}
