package io.imagineflow.job;

/** A webhook receiver did not take a delivery (no answer in time, or not 2xx): the webhook machine retries it. */
public final class WebhookFailed extends JobException {

    public WebhookFailed(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.WEBHOOK_FAILED;
    }
}
