package io.imagineflow.events;

import io.imagineflow.aws.AwsErrors;
import io.imagineflow.job.JobMisconfigured;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.util.Optional;

/**
 * Starts the job state machine, one execution per job, named by the job id: Step Functions itself refuses a
 * second execution of the same job, so a retried request starts nothing new. Stops one (a cancel), and tells
 * whether one runs.
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
        String machine = machine();
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

    /**
     * Stops the job's execution ({@code cause} says why, in the execution's history). False when there was none
     * to stop: not started, or ended already.
     */
    public boolean stop(String jobId, String cause) {
        String arn = executionArn(machine(), jobId);
        try {
            AwsErrors.call(
                    "Step Functions",
                    "stop the execution of job " + jobId,
                    () -> sfn.stopExecution(
                            b -> b.executionArn(arn).error("JobCancelled").cause(cause)),
                    ExecutionDoesNotExistException.class);
            return true;
        } catch (ExecutionDoesNotExistException e) {
            return false;
        }
    }

    /**
     * The input of the job's execution while it runs (a job just started whose submit has not claimed it yet: the
     * event is all there is to know of it), or empty.
     */
    public Optional<String> runningInput(String jobId) {
        String arn = executionArn(machine(), jobId);
        try {
            DescribeExecutionResponse execution = AwsErrors.call(
                    "Step Functions",
                    "describe the execution of job " + jobId,
                    () -> sfn.describeExecution(b -> b.executionArn(arn)),
                    ExecutionDoesNotExistException.class);
            return execution.status() == ExecutionStatus.RUNNING
                    ? Optional.ofNullable(execution.input())
                    : Optional.empty();
        } catch (ExecutionDoesNotExistException e) {
            return Optional.empty();
        }
    }

    private String machine() {
        return config.stateMachineArn()
                .orElseThrow(() -> new JobMisconfigured(
                        "imagine.start.state-machine-arn (IMAGINE_START_STATE_MACHINE_ARN) is not set", null));
    }

    /** An execution's ARN is its state machine's, with "execution" for "stateMachine" and the name appended. */
    static String executionArn(String stateMachineArn, String name) {
        return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + name;
    }
}
