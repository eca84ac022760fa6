package io.imagineflow.job;

import java.util.List;
import java.util.stream.Collectors;

/** The request breaks a rule (ours or xAI's): terminal, and nothing was paid for unless xAI says so. */
public final class JobInvalid extends JobException {

    private final List<Violation> violations;

    public JobInvalid(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")), null);
        this.violations = List.copyOf(violations);
    }

    public JobInvalid(String field, String rule) {
        this(List.of(new Violation(field, rule)));
    }

    public List<Violation> violations() {
        return violations;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.JOB_INVALID;
    }
}
