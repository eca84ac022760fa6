package io.imagineflow.sim;

/**
 * A stored file. {@code durationSeconds} is known for videos the simulator made (xAI knows every video's length;
 * the simulator only knows the ones it generated, and treats other MP4s as 5 seconds).
 */
record SimFile(
        String id,
        String filename,
        String contentType,
        byte[] bytes,
        long createdAt,
        Long expiresAt,
        String publicToken,
        Long publicUrlExpiresAt,
        Integer durationSeconds) {

    boolean image() {
        return contentType.startsWith("image/");
    }

    boolean video() {
        return contentType.equals("video/mp4");
    }

    boolean expired(long now) {
        return expiresAt != null && expiresAt <= now;
    }

    SimFile withPublicUrl(String token, Long expiresAt) {
        return new SimFile(
                id, filename, contentType, bytes, createdAt, this.expiresAt, token, expiresAt, durationSeconds);
    }
}
