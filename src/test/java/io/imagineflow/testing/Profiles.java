package io.imagineflow.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** One artifact, five functions: each profile exports one, as QUARKUS_FUNQY_EXPORT does on Lambda. */
public final class Profiles {

    private Profiles() {}

    public static class Submit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "submit");
        }
    }

    public static class Poll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "poll");
        }
    }

    public static class Finalize implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "finalize");
        }
    }

    public static class Api implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "api");
        }
    }

    public static class Batch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "batch");
        }
    }

    public static class Webhook implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A short timeout, so that a receiver that does not answer fails a test in a second; receivers listen on
            // loopback, as in the local run.
            return Map.of(
                    "quarkus.funqy.export",
                    "webhook",
                    "imagine.webhook.timeout",
                    "PT1S",
                    "imagine.webhook.allow-loopback",
                    "true");
        }
    }
}
