package io.imagineflow.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.events.EventTranslator;
import io.imagineflow.job.IncomingJob;
import io.imagineflow.job.JobState;
import io.imagineflow.job.PollSchedule;
import io.imagineflow.xai.XaiPriming;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.time.Instant;
import java.util.List;

/**
 * SnapStart priming for the JVM runtime: before Lambda takes the snapshot (a CRaC checkpoint), runs what every
 * first invocation would otherwise pay for after each restore: Jackson's (de)serializers for the events and the
 * job state, the translation of an event into a job, the poll schedule's estimate, the REST client to xAI, and the AWS SDK clients (whose
 * construction loads and links most of the SDK). Nothing is sent anywhere: a snapshot must not hold connections,
 * and priming must not start a job. Elsewhere (native, or a JVM without SnapStart) no checkpoint comes and this
 * never runs.
 */
@ApplicationScoped
public class Priming implements Resource {

    private static final Logger LOG = Logger.getLogger(Priming.class);
    private static final String EVENT = "{\"operation\":\"image_generate\",\"prompt\":\"Priming\",\"options\":"
            + "{\"n\":1,\"aspect_ratio\":\"1:1\"},\"idempotency_key\":\"priming\"}";

    private final ObjectMapper json;
    private final EventTranslator translator;
    private final XaiPriming xai;
    private final PollSchedule schedule;
    private final List<Instance<? extends SdkClient>> awsClients;

    Priming(
            ObjectMapper json,
            EventTranslator translator,
            XaiPriming xai,
            PollSchedule schedule,
            Instance<DynamoDbClient> dynamoDb,
            Instance<S3Client> s3,
            Instance<SecretsManagerClient> secrets,
            Instance<EventBridgeClient> eventBridge,
            Instance<SfnClient> stepFunctions) {
        this.json = json;
        this.translator = translator;
        this.xai = xai;
        this.schedule = schedule;
        this.awsClients = List.of(dynamoDb, s3, secrets, eventBridge, stepFunctions);
    }

    void register(@Observes StartupEvent started) {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        long began = System.nanoTime();
        prime();
        LOG.infof("primed for the snapshot in %d ms", (System.nanoTime() - began) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: priming opened no connection and read no credentials.
    }

    /** Warms the paths of a first invocation; sends nothing. Returns the job id the sample event would have. */
    public String prime() throws Exception {
        IncomingJob job = translator.translate(json.readTree(EVENT));
        Instant now = Instant.now();
        Instant deadline = schedule.deadline(job.request().operation(), now);
        JobState started = JobState.started(
                job.jobId(),
                job.request(),
                "priming",
                now,
                deadline,
                schedule.firstWait(job.request(), now, deadline),
                schedule.expected(job.request()));
        // The poll schedule's estimate, with a reading as a poll would have it.
        schedule.next(started.read(40, 3.0), now.plusSeconds(3));
        json.readValue(json.writeValueAsString(started), JobState.class);
        xai.prime();
        for (Instance<? extends SdkClient> client : awsClients) {
            client.get().serviceName();
        }
        return job.jobId();
    }
}
