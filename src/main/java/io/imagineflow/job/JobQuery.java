package io.imagineflow.job;

/**
 * What {@code GET /jobs} asks for: jobs of one {@code status} (null: any), of one {@code user} (null: anyone's),
 * carrying one tag ({@code tagKey}: {@code tagValue}; null: any), at most {@code limit} of them, from where the
 * page token {@code next} left off (null: the newest).
 */
public record JobQuery(RecordStatus status, String user, String tagKey, String tagValue, int limit, String next) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
}
