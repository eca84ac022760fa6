package io.imagineflow.job;

/** A webhook URL broke an outbound rule when it was called: never retried, as the URL would break it again. */
public final class WebhookRefused extends JobException {

    public WebhookRefused(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.WEBHOOK_REFUSED;
    }
}
