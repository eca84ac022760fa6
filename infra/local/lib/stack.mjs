// The whole flow on one machine: the stand-ins, the functions from the one artifact, and the state machines
// that drive them behind a local Step Functions API. The same wiring as infra/template.yaml, with local ARNs.
import fs from 'node:fs';
import path from 'node:path';
import { startBackends } from './backends.mjs';
import { ensureBuilt, functionCommand, projectRoot, requireJava } from './artifact.mjs';
import { localBatchMachine } from './batch.mjs';
import { getItem } from './dynamodb.mjs';
import { BATCH_MACHINE, FUNCTIONS, functionEnvironment, JOB_MACHINE, SIMULATOR_KEY, TABLE, WEBHOOK_MACHINE } from './environment.mjs';
import { FunctionPool } from './function-pool.mjs';
import { loadDefinition } from './state-machine.mjs';
import { LocalStepFunctions, machineArn } from './step-functions-api.mjs';

const ACCOUNT_ARN = 'arn:aws:lambda:us-east-1:000000000000:function';

/**
 * Starts everything. With `xai` ({baseUrl, apiKey}) the functions call that xAI; without, the simulator,
 * whose generations take `imageReadyMs` and `videoReadyMs`, and which injects faults when `simulatorOptions`
 * ({rate, seed, kinds, slowResponseMs, apiKey: the only key it takes}) says so. `environments` execution environments run each function;
 * `functionEnv` is added to every function's environment. `log(line)` receives progress while starting.
 * `warm` names the functions started at once (the others start on their first call); `timeScale` and
 * `retryDelayMs` are the defaults of the executions the functions start (the API's jobs, the webhooks).
 * `environments` is a number for every function, or one per function name (others get 1). `jobMachine(definition)`
 * may change the job machine's definition (bench/load's fixed-poll variant).
 */
export async function startStack({ runtime = 'auto', xai = null, imageReadyMs = 2000, videoReadyMs = 6000,
  simulatorOptions = null, environments = 1, functionEnv = {}, logDir, log = () => {},
  warm = ['submit', 'poll', 'finalize'], timeScale = 1, retryDelayMs, jobMachine = (definition) => definition } = {}) {
  const root = projectRoot();
  requireJava();
  ensureBuilt(root, log);
  const command = functionCommand(root, runtime);
  fs.mkdirSync(logDir, { recursive: true });
  const started = Date.now();
  const backends = await startBackends({ root, table: TABLE, simulator: !xai, imageReadyMs, videoReadyMs,
    simulatorOptions, logFile: path.join(logDir, 'stand-ins.log') });
  const xaiBaseUrl = xai ? xai.baseUrl : backends.endpoints.xai;
  const xaiTarget = { baseUrl: xaiBaseUrl, apiKey: xai ? xai.apiKey : SIMULATOR_KEY };
  const machines = { job: machineArn(JOB_MACHINE), webhook: machineArn(WEBHOOK_MACHINE), batch: machineArn(BATCH_MACHINE) };
  const arnOf = (name) => `${ACCOUNT_ARN}:imagine-flow-${name}`;
  const substitutions = Object.fromEntries(FUNCTIONS.filter((f) => f.substitution).map((f) => [f.substitution, arnOf(f.name)]));
  const definition = (file) => loadDefinition(path.join(root, 'infra', 'statemachine', file), substitutions);
  let byArn = new Map();
  const stepFunctions = new LocalStepFunctions({
    machines: { [machines.job]: jobMachine(definition('imagine-job.asl.json')),
      [machines.webhook]: definition('webhook-delivery.asl.json'),
      // The batch machine's steps, run in its order (lib/batch.mjs says why not by the engine).
      [machines.batch]: localBatchMachine({
        invokeBatch: (payload) => byArn.get(arnOf('batch')).invoke(payload),
        startJob: (name, input) => stepFunctions.start(machines.job, name, input).done,
        s3Endpoint: backends.endpoints.s3,
      }) },
    invoke: (arn, payload) => {
      const fn = byArn.get(arn);
      if (!fn) throw new Error(`no local function for ${arn}`);
      return fn.invoke(payload);
    },
    timeScale,
    retryDelayMs,
  });
  const endpoints = { ...backends.endpoints, sfn: await stepFunctions.listen() };
  const functions = FUNCTIONS.map((f) => new FunctionPool({
    name: f.name,
    arn: arnOf(f.name),
    size: typeof environments === 'number' ? environments : (environments[f.name] ?? 1),
    command,
    timeoutMs: f.timeoutMs,
    logDir,
    env: { ...functionEnvironment({ name: f.name, timeoutMs: f.timeoutMs, endpoints, xai: xaiTarget, machines }),
      ...functionEnv },
  }));
  byArn = new Map(functions.map((f) => [f.arn, f]));
  try {
    const eager = functions.filter((f) => warm.includes(f.name));
    const coldStarts = await Promise.all(eager.map((f) => f.start()));
    log(`stand-ins ready (DynamoDB Local, S3, Step Functions${xai ? '' : ', xAI simulator'}); functions ready on the `
      + `${command.kind} runtime (cold starts ${coldStarts.map((ms, i) => `${eager[i].name} ${Math.round(ms)} ms`).join(', ')}), `
      + `${Date.now() - started} ms in all`);
  } catch (e) {
    await Promise.allSettled(functions.map((f) => f.stop()));
    await stepFunctions.close();
    await backends.stop();
    throw e;
  }
  let executions = 0;

  return {
    endpoints: { ...endpoints, xai: xaiBaseUrl },
    xaiApiKey: xaiTarget.apiKey,
    machines,
    stepFunctions,
    /** Each function by name: its execution environments, their logs and cold starts. */
    functions: Object.fromEntries(functions.map((f) => [f.name, f])),

    /**
     * One execution for one event; resolves with how it ended, the job id, and the finalize's record. `name` names
     * the execution (the batch machine names a line's execution by its job id); by default a fresh one.
     */
    async run(event, { onEvent, timeScale: scale, retryDelayMs: retry, name } = {}) {
      let jobId = null;
      let record = null;
      const finalize = arnOf('finalize');
      const onResult = (arn, result) => {
        if (result && typeof result === 'object' && typeof result.jobId === 'string') jobId = result.jobId;
        if (arn === finalize) record = result;
      };
      executions += 1;
      const execution = await stepFunctions.start(machines.job, name ?? `local-${process.pid}-${executions}`, event,
        { onEvent, onResult, timeScale: scale, retryDelayMs: retry }).done;
      return { ...execution, jobId, record };
    },

    /** One execution of the batch machine for `input` ({manifest, id}); resolves with how it ended. */
    startBatch(input) {
      executions += 1;
      return stepFunctions.start(machines.batch, `local-batch-${process.pid}-${executions}`, input).done;
    },

    /** Calls the api function with an API Gateway (HTTP API) event; resolves with its answer. */
    api(event) {
      return byArn.get(arnOf('api')).invoke(event);
    },

    /** The job's item as DynamoDB holds it. */
    stored(jobId) {
      return getItem(endpoints.dynamodb, TABLE, jobId);
    },

    async stop() {
      await stepFunctions.close();
      await Promise.allSettled(functions.map((f) => f.stop()));
      await backends.stop();
    },
  };
}
