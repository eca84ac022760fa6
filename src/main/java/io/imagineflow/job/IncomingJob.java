package io.imagineflow.job;

/** A job request as an event delivered it: its deterministic id and the kind of event it came from. */
public record IncomingJob(String jobId, String source, JobRequest request) {}
