package io.imagineflow.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.imagineflow.events.EventJson;
import io.imagineflow.job.JobException;
import io.imagineflow.job.JobInternal;
import io.imagineflow.ops.LogContext;
import io.quarkus.funqy.lambda.FunqyStreamHandler;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The handler for AWS's managed Java runtime ({@code io.imagineflow.functions.LambdaHandler::handleRequest}):
 * Funqy's, with Funqy's exception wrapper taken off so that Lambda reports the function's own error name, and
 * anything outside the catalogue reported as {@code JobInternal} (see {@link ErrorNames} for the runtime loop).
 */
public class LambdaHandler implements RequestStreamHandler {

    private final FunqyStreamHandler funqy = new FunqyStreamHandler();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        // The request id under the name Quarkus's own Lambda loop gives it in the native executable.
        MDC.put(LogContext.AWS_REQUEST_ID, context.getAwsRequestId());
        try {
            funqy.handleRequest(input, output, context);
        } catch (JsonProcessingException e) {
            throw EventJson.refused("event", e);
        } catch (RuntimeException e) {
            Throwable cause = ErrorNames.unwrap(e);
            if (cause instanceof JobException named) {
                throw named;
            }
            if (cause instanceof JsonProcessingException unreadable) {
                throw EventJson.refused("event", unreadable);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new JobInternal(String.valueOf(cause.getMessage()), cause);
        } finally {
            MDC.remove(LogContext.AWS_REQUEST_ID);
        }
    }
}
