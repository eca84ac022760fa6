package io.imagineflow.events;

import io.imagineflow.aws.AwsErrors;
import io.imagineflow.job.JobMisconfigured;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the job state machine, one execution per job, named by the job id: Step Functions itself refuses a
 * second execution of the same job, so a retried request starts nothing new.
 */
@ApplicationScoped
public class Executions {

    /** The execution of a job: {@code existing} when the job had been started before. */
    public record Started(String executionArn, boolean existing) {}

    private final SfnClient sfn;
    private final StartConfig config;

    Executions(SfnClient sfn, StartConfig config) {
        this.sfn = sfn;
        this.config = config;
    }

    public Started start(String jobId, String input) {
        String machine = config.stateMachineArn()
                .orElseThrow(() -> new JobMisconfigured(
                        "imagine.start.state-machine-arn (IMAGINE_START_STATE_MACHINE_ARN) is not set", null));
        try {
            return AwsErrors.call(
                    "Step Functions",
                    "start job " + jobId,
                    () -> new Started(
                            sfn.startExecution(b -> b.stateMachineArn(machine)
                                            .name(jobId)
                                            .input(input))
                                    .executionArn(),
                            false),
                    ExecutionAlreadyExistsException.class);
        } catch (ExecutionAlreadyExistsException e) {
            return new Started(executionArn(machine, jobId), true);
        }
    }

    /** An execution's ARN is its state machine's, with "execution" for "stateMachine" and the name appended. */
    static String executionArn(String stateMachineArn, String name) {
        return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + name;
    }
}
