package io.imagineflow.xai;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How an HTTP status and body from xAI become a named error. */
class XaiErrorsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void theFlatImagineShapeGivesCodeAndMessage() {
        XaiException e = XaiErrors.fromResponse(
                400,
                "{\"code\":\"invalid-argument\",\"error\":\"Duration 15s exceeds"
                        + " the maximum allowed for reference-to-video, which is 10s.\"}",
                null,
                CLOCK);
        assertInstanceOf(XaiException.InvalidRequest.class, e);
        assertEquals("invalid-argument", e.xaiCode());
        assertTrue(e.getMessage().endsWith("which is 10s."), e.getMessage());
    }

    @Test
    void theOpenAiShapeGivesCodeAndMessage() {
        XaiException e = XaiErrors.fromResponse(
                401,
                "{\"error\":{\"message\":\"Incorrect API key provided\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
                null,
                CLOCK);
        assertInstanceOf(XaiException.Unauthorized.class, e);
        assertEquals("invalid_api_key", e.xaiCode());
        assertTrue(e.getMessage().contains("Incorrect API key provided"));
    }

    @Test
    void theBareShapeGivesTheMessage() {
        XaiException e = XaiErrors.fromResponse(503, "{\"error\":\"Service temporarily unavailable\"}", null, CLOCK);
        assertInstanceOf(XaiException.Unavailable.class, e);
        assertTrue(e.getMessage().endsWith("Service temporarily unavailable"));
    }

    @Test
    void aBodyThatIsNotJsonBecomesTheMessage() {
        XaiException e = XaiErrors.fromResponse(502, "<html>Bad gateway</html>", null, CLOCK);
        assertInstanceOf(XaiException.Unavailable.class, e);
        assertTrue(e.getMessage().contains("<html>Bad gateway</html>"));
    }

    @Test
    void anEmptyBodyStillNamesTheStatus() {
        assertEquals(
                "xAI answered HTTP 404",
                XaiErrors.fromResponse(404, "", null, CLOCK).getMessage());
    }

    @Test
    void moderationIsNamedAndKeepsTheBilledCost() {
        XaiException e = XaiErrors.fromResponse(
                400,
                "{\"code\":\"imagine:content-moderated\",\"error\":\"Generated"
                        + " video rejected by content moderation.\",\"usage\":{\"cost_in_usd_ticks\":2500000000}}",
                null,
                CLOCK);
        XaiException.Moderated moderated = assertInstanceOf(XaiException.Moderated.class, e);
        assertEquals(2_500_000_000L, moderated.costInUsdTicks());
        assertFalse(moderated.retryable());
    }

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({
        "400, XaiInvalidRequest, false", "413, XaiInvalidRequest, false", "415, XaiInvalidRequest, false",
        "422, XaiInvalidRequest, false", "401, XaiUnauthorized, false", "403, XaiUnauthorized, false",
        "404, XaiNotFound, false", "429, XaiThrottled, true", "408, XaiUnavailable, true",
        "500, XaiUnavailable, true", "502, XaiUnavailable, true", "503, XaiUnavailable, true",
        "504, XaiUnavailable, true", "529, XaiUnavailable, true"
    })
    void everyStatusHasOneNameAndOneRetryRule(int status, String name, boolean retryable) {
        XaiException e = XaiErrors.fromResponse(status, "{\"code\":\"x\",\"error\":\"y\"}", null, CLOCK);
        assertEquals(name, e.errorName());
        assertEquals(retryable, e.retryable());
        assertEquals(status, e.httpStatus());
    }

    @Test
    void retryAfterInSecondsIsRead() {
        XaiException.Throttled e = (XaiException.Throttled) XaiErrors.fromResponse(429, null, "7", CLOCK);
        assertEquals(7, e.retryAfterSeconds());
    }

    @Test
    void retryAfterAsAnHttpDateIsRead() {
        XaiException.Throttled e =
                (XaiException.Throttled) XaiErrors.fromResponse(429, null, "Sun, 22 Nov 2026 10:00:42 GMT", CLOCK);
        assertEquals(42, e.retryAfterSeconds());
    }

    @Test
    void aMissingOrUnreadableRetryAfterIsMinusOne() {
        assertEquals(-1, ((XaiException.Throttled) XaiErrors.fromResponse(429, null, null, CLOCK)).retryAfterSeconds());
        assertEquals(
                -1, ((XaiException.Throttled) XaiErrors.fromResponse(429, null, "soon", CLOCK)).retryAfterSeconds());
    }

    @Test
    void aRetryAfterDateInThePastMeansNow() {
        assertEquals(0, RetryAfter.seconds("Sun, 22 Nov 2026 09:00:00 GMT", CLOCK));
    }

    @Test
    void anythingShapedLikeAKeyIsRemovedFromMessages() {
        XaiException e = XaiErrors.fromResponse(
                400,
                "{\"code\":\"invalid-argument\",\"error\":\"Incorrect API key"
                        + " provided: xai-AbCdEf0123456789 (header Bearer xai-AbCdEf0123456789)\"}",
                null,
                CLOCK);
        assertFalse(e.getMessage().contains("AbCdEf0123456789"), e.getMessage());
        assertTrue(e.getMessage().contains("[redacted]"));
    }

    @Test
    void aVeryLongBodyIsClipped() {
        String message =
                XaiErrors.fromResponse(500, "x".repeat(5000), null, CLOCK).getMessage();
        assertTrue(message.length() < 600, "message length " + message.length());
    }

    @Test
    void b64JsonLosesAnyDataPrefix() {
        assertEquals("iVBORw0KGgo=", XaiOutcomes.bareBase64("data:image/png;base64,iVBORw0KGgo="));
        assertEquals("iVBORw0KGgo=", XaiOutcomes.bareBase64("iVBORw0KGgo="));
        assertEquals(null, XaiOutcomes.bareBase64(null));
    }

    @Test
    void costConvertsTicksToDollarsExactly() {
        assertEquals("0.02", new Cost(200_000_000L).usd().toPlainString());
        assertEquals("0.25", new Cost(2_500_000_000L).usd().toPlainString());
        assertEquals("0.0000000001", new Cost(1).usd().toPlainString());
    }

    @Test
    void aRefusalCutOffMidJsonIsALostAnswerNotARefusal() {
        // It may have been a billed moderation: a look repeats it, a start does not send the job again.
        XaiException e = XaiErrors.fromResponse(
                400, "{\"code\":\"imagine:content-moderated\",\"usa", null, java.time.Clock.systemUTC());

        XaiException.Unavailable lost = assertInstanceOf(XaiException.Unavailable.class, e);
        assertEquals(XaiException.Unavailable.Reason.MALFORMED_RESPONSE, lost.reason());
        assertInstanceOf(
                XaiException.InvalidRequest.class,
                XaiErrors.fromResponse(400, "Bad Request", null, java.time.Clock.systemUTC()));
    }
}
