package io.imagineflow.xai;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.time.Clock;

/** Turns every xAI answer of 400 or more into an {@link XaiException}, before any caller sees it. */
@Priority(1)
public class XaiResponseMapper implements ResponseExceptionMapper<XaiException> {

    @Override
    public XaiException toThrowable(Response response) {
        String body;
        try {
            body = response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException unreadable) {
            body = null;
        }
        return XaiErrors.fromResponse(
                response.getStatus(), body, response.getHeaderString("Retry-After"), Clock.systemUTC());
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
