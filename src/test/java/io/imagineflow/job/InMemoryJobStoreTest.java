package io.imagineflow.job;

/** The in-memory store of the plain service tests keeps the rules of {@link JobStore}. */
class InMemoryJobStoreTest extends JobStoreContract {

    @Override
    protected JobStore store() {
        return new InMemoryJobStore();
    }
}
