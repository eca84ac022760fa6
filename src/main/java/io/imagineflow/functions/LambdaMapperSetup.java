package io.imagineflow.functions;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.imagineflow.events.EventJson;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaMapperRecorder;
import io.quarkus.amazon.lambda.runtime.FunctionError;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.Optional;

/**
 * Sets up the Lambda mapper, which reads every event (as {@link EventJson} says) and writes every error. Makes
 * the Lambda runtime loop (the native {@code bootstrap}, and the JVM in polling mode) report a function's
 * own error name, such as {@code io.imagineflow.job.JobThrottled}, instead of Funqy's wrapper: the loop writes
 * each error with the Lambda mapper, so its serializer for the error body is where the name is put right.
 * {@link LambdaHandler} does the same for AWS's managed Java runtime.
 */
@ApplicationScoped
public class LambdaMapperSetup {

    private final Optional<String> exported;

    LambdaMapperSetup(@ConfigProperty(name = "quarkus.funqy.export") Optional<String> exported) {
        this.exported = exported;
    }

    void register(@Observes StartupEvent started) {
        if (AmazonLambdaMapperRecorder.objectMapper != null) {
            // Funqy reads every event with this mapper: it must read events as the product does.
            EventJson.configure(
                    AmazonLambdaMapperRecorder.objectMapper.getFactory(), !"finalize".equals(exported.orElse("")));
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
