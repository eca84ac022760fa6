package io.imagineflow.sim;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Runs the xAI simulator in-process for a {@code @QuarkusTest} and points the application's xAI client at it.
 * Tests reach it through {@link #simulator()} and reset it between tests.
 */
public class XaiSimulatorResource implements QuarkusTestResourceLifecycleManager {

    private static volatile XaiSimulator simulator;

    public static XaiSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("the xAI simulator runs only inside a test that uses XaiSimulatorResource");
        }
        return simulator;
    }

    @Override
    public Map<String, String> start() {
        simulator = XaiSimulator.start(SimulatorOptions.fast());
        return Map.of("xai.base-url", simulator.baseUrl());
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
