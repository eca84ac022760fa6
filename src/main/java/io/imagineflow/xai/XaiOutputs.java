package io.imagineflow.xai;

import io.imagineflow.job.ErrorCode;
import io.imagineflow.job.Imagine;
import io.imagineflow.job.JobCost;
import io.imagineflow.job.JobFailure;
import io.imagineflow.job.JobOutput;
import io.imagineflow.job.JobStatus;

/** xAI's outcomes in the job's terms. */
final class XaiOutputs {

    private XaiOutputs() {}

    static Imagine.Check check(GenerationStatus status) {
        if (status instanceof GenerationStatus.Pending pending) {
            return new Imagine.Check(JobStatus.PENDING, pending.progress(), null, null, null);
        }
        if (status instanceof GenerationStatus.Done done) {
            return new Imagine.Check(
                    JobStatus.DONE,
                    100,
                    done.outputs().stream().map(XaiOutputs::output).toList(),
                    cost(done.cost()),
                    null);
        }
        if (status instanceof GenerationStatus.Failed failed) {
            return XaiImagine.ended(
                    JobStatus.FAILED,
                    cost(failed.cost()),
                    JobFailure.xaiFailed(
                            failed.code(), failed.message() == null ? "xAI gave no details" : failed.message()));
        }
        if (status instanceof GenerationStatus.Moderated moderated) {
            return XaiImagine.ended(
                    JobStatus.MODERATED,
                    cost(moderated.cost()),
                    JobFailure.of(ErrorCode.XAI_MODERATED, moderated.message()));
        }
        return XaiImagine.ended(
                JobStatus.EXPIRED,
                null,
                JobFailure.of(
                        ErrorCode.XAI_EXPIRED, "xAI processed the request but its result is no longer available"));
    }

    private static JobOutput output(GeneratedOutput o) {
        GeneratedOutput.StoredFile f = o.stored();
        return new JobOutput(
                o.url(),
                o.mimeType(),
                o.durationSeconds(),
                f == null ? null : f.fileId(),
                f == null ? null : f.filename(),
                f == null ? null : f.expiresAt(),
                f == null ? null : f.publicUrl(),
                f == null ? null : f.publicUrlExpiresAt(),
                o.storageError(),
                f == null ? null : f.publicUrlError(),
                null,
                null);
    }

    /** The one conversion of xAI's ticks to dollars is {@link Cost#usd()}. */
    static JobCost cost(Cost cost) {
        return cost == null ? null : new JobCost(cost.ticks(), cost.usd());
    }
}
