package io.imagineflow.job;

/** Deliveries over in-memory ports. */
final class TestDeliveries {

    private TestDeliveries() {}

    /** For services whose jobs never deliver: any use of the bucket fails the test. */
    static Deliveries off() {
        return new Deliveries(null, null, TestConfig.delivery());
    }

    static Deliveries over(InMemoryOutputStore store, FakeImagine imagine) {
        return new Deliveries(store, imagine, TestConfig.delivery());
    }
}
