// The environment Lambda and infra/template.yaml give a function, pointed at the local stand-ins.
export const TABLE = 'imagine-flow-jobs';
export const SIMULATOR_KEY = 'xai-local-simulator-key';
// The local delivery bucket: the only one the local functions may deliver to, and where every job delivers.
export const OUTPUT_BUCKET = 'imagine-outputs';
export const OUTPUT_PREFIX = 'outputs/';
// The functions, with the timeouts infra/template.yaml gives them, and the state machine substitution that names
// each one the machines call.
export const FUNCTIONS = [
  { name: 'submit', substitution: 'SubmitFunctionArn', timeoutMs: 90_000 },
  { name: 'poll', substitution: 'PollFunctionArn', timeoutMs: 30_000 },
  { name: 'finalize', substitution: 'FinalizeFunctionArn', timeoutMs: 120_000 },
  { name: 'api', timeoutMs: 15_000 },
  { name: 'webhook', substitution: 'WebhookFunctionArn', timeoutMs: 15_000 },
  { name: 'batch', substitution: 'BatchFunctionArn', timeoutMs: 900_000 },
];
export const JOB_MACHINE = 'imagine-flow-job';
export const WEBHOOK_MACHINE = 'imagine-flow-webhook-delivery';
export const BATCH_MACHINE = 'imagine-flow-batch';
// The local signing secret (whsec_ and base64 of 24 bytes): only ever used on this machine. A receiver verifies
// with it; IMAGINE_WEBHOOK_SECRET replaces it.
export const LOCAL_WEBHOOK_SECRET = process.env.IMAGINE_WEBHOOK_SECRET || 'whsec_aW1hZ2luZS1mbG93LWxvY2FsLXNlY3JldA==';

/**
 * `endpoints` of the stand-ins (with `sfn`, the local Step Functions API); `xai` ({baseUrl, apiKey}) is the xAI
 * the function calls; `machines` the ARNs of the job and webhook state machines.
 */
export function functionEnvironment({ name, timeoutMs, endpoints, xai, machines = {}, table = TABLE }) {
  const env = {
    QUARKUS_PROFILE: 'local',
    QUARKUS_FUNQY_EXPORT: name,
    DISABLE_SIGNAL_HANDLERS: 'true',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_LAMBDA_FUNCTION_NAME: `imagine-flow-${name}`,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_TIMEOUT: String(timeoutMs / 1000),
    IMAGINE_AWS_REGION: 'us-east-1',
    IMAGINE_AWS_DYNAMODB_ENDPOINT_OVERRIDE: endpoints.dynamodb,
    IMAGINE_AWS_S3_ENDPOINT_OVERRIDE: endpoints.s3,
    IMAGINE_AWS_SFN_ENDPOINT_OVERRIDE: endpoints.sfn,
    IMAGINE_START_STATE_MACHINE_ARN: machines.job,
    IMAGINE_WEBHOOK_STATE_MACHINE_ARN: machines.webhook,
    IMAGINE_BATCH_STATE_MACHINE_ARN: machines.batch,
    IMAGINE_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
    IMAGINE_STORE_TABLE: table,
    // As infra/template.yaml: a submit holds its claim on a job as long as it can run.
    ...(name === 'submit' ? { IMAGINE_JOB_SUBMIT_CLAIM_HOLD: `PT${timeoutMs / 1000}S` } : {}),
    XAI_BASE_URL: xai.baseUrl,
    // The functions refuse to start with an xAI host outside their allow-list: here, the one they are given.
    XAI_ALLOWED_HOSTS: new URL(xai.baseUrl).hostname,
    // The fallback copy downloads xAI's outputs from the simulator's host too (xAI's media hosts on AWS).
    XAI_MEDIA_HOSTS: new URL(xai.baseUrl).hostname,
    // As the template: deliver to the output bucket, and only there.
    IMAGINE_DELIVERY_DEFAULT_TARGET: `s3://${OUTPUT_BUCKET}/${OUTPUT_PREFIX}`,
    IMAGINE_DELIVERY_ALLOWED_BUCKETS: OUTPUT_BUCKET,
    XAI_API_KEY: xai.apiKey,
  };
  // What is not there (no Step Functions API for the start-up benchmark) is left unset, not set to "undefined".
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}
