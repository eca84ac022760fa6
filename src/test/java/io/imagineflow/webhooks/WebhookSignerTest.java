package io.imagineflow.webhooks;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebhookSignerTest {

    /** The Standard Webhooks reference libraries' own test vector (the npm standardwebhooks package agrees). */
    @Test
    void signsAsTheStandardWebhooksReferenceDoes() {
        byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        String signature =
                WebhookSigner.sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");

        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }
}
