package io.imagineflow.sim;

/** An error answer, in the flat shape xAI's Imagine endpoints use: {@code {"code": ..., "error": ...}}. */
final class SimError extends RuntimeException {

    final int status;
    final String code;

    SimError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static SimError invalid(String message) {
        return new SimError(400, "invalid-argument", message);
    }

    static SimError unprocessable(String message) {
        return new SimError(422, "invalid-argument", message);
    }

    static SimError notFound(String message) {
        return new SimError(404, "not-found", message);
    }
}
