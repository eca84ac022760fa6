package io.imagineflow.xai;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The {@code Retry-After} header, which HTTP allows as delta-seconds or as an HTTP date. */
final class RetryAfter {

    private RetryAfter() {}

    /** Seconds to wait (rounded up, never negative), or -1 when the header is absent or unreadable. */
    static long seconds(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String value = header.strip();
        try {
            return Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration left = Duration.between(clock.instant(), at.toInstant());
                return left.isNegative() ? 0 : left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
            } catch (DateTimeParseException notDate) {
                return -1;
            }
        }
    }
}
