package io.imagineflow.functions;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaMapperRecorder;
import io.quarkus.amazon.lambda.runtime.FunctionError;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;

/**
 * Makes the Lambda runtime loop (the native {@code bootstrap}, and the JVM in polling mode) report a function's
 * own error name, such as {@code io.imagineflow.job.JobThrottled}, instead of Funqy's wrapper: the loop writes
 * each error with the Lambda mapper, so its serializer for the error body is where the name is put right.
 * {@link LambdaHandler} does the same for AWS's managed Java runtime.
 */
@ApplicationScoped
public class LambdaErrorNames {

    void register(@Observes StartupEvent started) {
        if (AmazonLambdaMapperRecorder.objectMapper != null) {
            AmazonLambdaMapperRecorder.objectMapper.registerModule(
                    new SimpleModule("imagine-flow-error-names").addSerializer(FunctionError.class, new Writer()));
        }
    }

    static final class Writer extends StdSerializer<FunctionError> {
        Writer() {
            super(FunctionError.class);
        }

        @Override
        public void serialize(FunctionError error, JsonGenerator gen, SerializerProvider provider) throws IOException {
            ErrorNames named = ErrorNames.of(error.getErrorType(), error.getErrorMessage());
            gen.writeStartObject();
            gen.writeStringField("errorType", named.errorType());
            gen.writeStringField("errorMessage", named.errorMessage());
            gen.writeEndObject();
        }
    }
}
