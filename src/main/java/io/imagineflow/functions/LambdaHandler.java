package io.imagineflow.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonParseException;
import io.quarkus.funqy.lambda.FunqyStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The handler for AWS's managed Java runtime ({@code io.imagineflow.functions.LambdaHandler::handleRequest}):
 * Funqy's, with Funqy's exception wrapper taken off so that Lambda reports the function's own error name.
 */
public class LambdaHandler implements RequestStreamHandler {

    private final FunqyStreamHandler funqy = new FunqyStreamHandler();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            funqy.handleRequest(input, output, context);
        } catch (JsonParseException e) {
            throw ErrorNames.notJson(e.getOriginalMessage());
        } catch (RuntimeException e) {
            Throwable cause = ErrorNames.unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
