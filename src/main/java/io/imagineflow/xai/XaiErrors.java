package io.imagineflow.xai;

import java.time.Clock;

/** The one place where an HTTP status and body from xAI become an {@link XaiException}. */
public final class XaiErrors {

    private XaiErrors() {}

    public static XaiException fromResponse(int status, String body, String retryAfterHeader, Clock clock) {
        XaiErrorBody error = XaiErrorBody.parse(body);
        String message = describe(status, error);
        if (error.moderated()) {
            return new XaiException.Moderated(
                    message, error.code(), error.costInUsdTicks() == null ? 0 : error.costInUsdTicks());
        }
        return switch (status) {
            case 401, 403 -> new XaiException.Unauthorized(message, status, error.code());
            case 404 -> new XaiException.NotFound(message, error.code());
            case 429 -> new XaiException.Throttled(message, error.code(), RetryAfter.seconds(retryAfterHeader, clock));
            case 408, 409 ->
                new XaiException.Unavailable(
                        message, status, error.code(), XaiException.Unavailable.Reason.TIMEOUT, null);
            default ->
                status >= 500
                        ? new XaiException.Unavailable(
                                message, status, error.code(), XaiException.Unavailable.Reason.SERVER_ERROR, null)
                        // A refusal cut off mid-JSON may have been a billed moderation: an answer lost, not a refusal
                        // (a look is then repeated; a start ends as an unknown outcome and is not sent again).
                        : error.cutOff()
                                ? new XaiException.Unavailable(
                                        "xAI's HTTP " + status + " answer could not be read",
                                        status,
                                        null,
                                        XaiException.Unavailable.Reason.MALFORMED_RESPONSE,
                                        null)
                                : new XaiException.InvalidRequest(message, status, error.code());
        };
    }

    private static String describe(int status, XaiErrorBody error) {
        StringBuilder text = new StringBuilder("xAI answered HTTP ").append(status);
        if (error.code() != null) {
            text.append(" (").append(error.code()).append(')');
        }
        if (error.message() != null) {
            text.append(": ").append(error.message());
        }
        return text.toString();
    }
}
