// The whole flow on one machine: the stand-ins, the three functions from the one artifact, and the state
// machine that drives them. The same wiring as infra/template.yaml, with local ARNs.
import fs from 'node:fs';
import path from 'node:path';
import { startBackends } from './backends.mjs';
import { ensureBuilt, functionCommand, projectRoot, requireJava } from './artifact.mjs';
import { getItem } from './dynamodb.mjs';
import { FUNCTIONS, functionEnvironment, SIMULATOR_KEY, TABLE } from './environment.mjs';
import { FunctionPool } from './function-pool.mjs';
import { execute, loadDefinition } from './state-machine.mjs';

const ACCOUNT_ARN = 'arn:aws:lambda:us-east-1:000000000000:function';

/**
 * Starts everything. With `xai` ({baseUrl, apiKey}) the functions call that xAI; without, the simulator,
 * whose generations take `imageReadyMs` and `videoReadyMs`, and which injects faults when `simulatorOptions`
 * ({rate, seed, kinds, slowResponseMs, apiKey: the only key it takes}) says so. `environments` execution environments run each function;
 * `functionEnv` is added to every function's environment. `log(line)` receives progress while starting.
 */
export async function startStack({ runtime = 'auto', xai = null, imageReadyMs = 2000, videoReadyMs = 6000,
  simulatorOptions = null, environments = 1, functionEnv = {}, logDir, log = () => {} } = {}) {
  const root = projectRoot();
  requireJava();
  ensureBuilt(root, log);
  const command = functionCommand(root, runtime);
  fs.mkdirSync(logDir, { recursive: true });
  const started = Date.now();
  const backends = await startBackends({ root, table: TABLE, simulator: !xai, imageReadyMs, videoReadyMs,
    simulatorOptions, logFile: path.join(logDir, 'stand-ins.log') });
  const { endpoints } = backends;
  const xaiBaseUrl = xai ? xai.baseUrl : endpoints.xai;
  const xaiTarget = { baseUrl: xaiBaseUrl, apiKey: xai ? xai.apiKey : SIMULATOR_KEY };
  const functions = FUNCTIONS.map((f) => new FunctionPool({
    name: f.name,
    arn: `${ACCOUNT_ARN}:imagine-flow-${f.name}`,
    size: environments,
    command,
    timeoutMs: f.timeoutMs,
    logDir,
    env: { ...functionEnvironment({ name: f.name, timeoutMs: f.timeoutMs, endpoints, xai: xaiTarget }), ...functionEnv },
  }));
  try {
    const coldStarts = await Promise.all(functions.map((f) => f.start()));
    log(`stand-ins ready (DynamoDB Local, S3${xai ? '' : ', xAI simulator'}); functions ready on the ${command.kind} `
      + `runtime (cold starts ${coldStarts.map((ms, i) => `${FUNCTIONS[i].name} ${Math.round(ms)} ms`).join(', ')}), `
      + `${Date.now() - started} ms in all`);
  } catch (e) {
    await Promise.allSettled(functions.map((f) => f.stop()));
    await backends.stop();
    throw e;
  }
  const byArn = new Map(functions.map((f) => [f.arn, f]));
  const definition = loadDefinition(path.join(root, 'infra', 'statemachine', 'imagine-job.asl.json'),
    Object.fromEntries(FUNCTIONS.map((f, i) => [f.substitution, functions[i].arn])));
  let executions = 0;

  return {
    endpoints: { ...endpoints, xai: xaiBaseUrl },
    xaiApiKey: xaiTarget.apiKey,
    /** Each function by name: its execution environments, their logs and cold starts. */
    functions: Object.fromEntries(functions.map((f) => [f.name, f])),

    /** One execution for one event; resolves with how it ended, the job id, and the finalize's record. */
    async run(event, { onEvent, timeScale = 1, retryDelayMs } = {}) {
      let jobId = null;
      let record = null;
      const invoke = async (arn, payload) => {
        const fn = byArn.get(arn);
        if (!fn) throw new Error(`no local function for ${arn}`);
        const result = await fn.invoke(payload);
        if (result && typeof result === 'object' && typeof result.jobId === 'string') jobId = result.jobId;
        if (fn.name === 'finalize') record = result;
        return result;
      };
      executions += 1;
      const execution = await execute({ definition, input: event, invoke, onEvent, timeScale, retryDelayMs,
        name: `local-${process.pid}-${executions}` });
      return { ...execution, jobId, record };
    },

    /** The job's item as DynamoDB holds it. */
    stored(jobId) {
      return getItem(endpoints.dynamodb, TABLE, jobId);
    },

    async stop() {
      await Promise.allSettled(functions.map((f) => f.stop()));
      await backends.stop();
    },
  };
}
