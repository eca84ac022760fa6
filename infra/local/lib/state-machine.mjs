// Runs the state machine of infra/statemachine, as written, with aws-local-stepfunctions. Its Task states call
// the functions through Step Functions' lambda:invoke integration, which the library does not model: each
// Task gets a handler that takes {FunctionName, Payload} and answers {Payload}, as the integration does.
import './polyfill.mjs';
import fs from 'node:fs';
import { ExecutionAbortedError, ExecutionError, StateMachine } from 'aws-local-stepfunctions';

/** The definition with its DefinitionSubstitutions applied, as CloudFormation applies them. */
export function loadDefinition(file, substitutions) {
  const text = fs.readFileSync(file, 'utf8').replace(/\$\{(\w+)\}/g, (placeholder, name) => {
    if (!(name in substitutions)) throw new Error(`${file} needs a substitution for ${placeholder}`);
    return substitutions[name];
  });
  return JSON.parse(text);
}

/**
 * Executes once. `invoke(functionArn, payload)` runs a function; `timeScale` (0 to 1) shortens every Wait to
 * that share of the seconds the job state asks for; `retryDelayMs` replaces Retry's backoff; `signal` aborts it
 * (StopExecution). Resolves {status: 'SUCCEEDED', output}, {status: 'FAILED', error, cause} or {status: 'ABORTED'}.
 */
export async function execute({ definition, input, invoke, onEvent = () => {}, timeScale = 1, retryDelayMs, name,
  signal }) {
  const states = Object.entries(definition.States);
  let lastResult = null;
  const taskResourceLocalHandlers = Object.fromEntries(states.filter(([, s]) => s.Type === 'Task')
    .map(([stateName]) => [stateName, async ({ FunctionName, Payload }) => {
      lastResult = await invoke(FunctionName, Payload);
      return { Payload: lastResult, StatusCode: 200, ExecutedVersion: '$LATEST' };
    }]));
  const overrides = { taskResourceLocalHandlers };
  if (timeScale !== 1) {
    // A Wait's pause comes from the state before it, which is always a Task's answer.
    const waits = new Set(states.filter(([, s]) => s.Type === 'Wait').map(([n]) => n));
    overrides.waitTimeOverrides = new Proxy({}, {
      get: (target, stateName) => (waits.has(stateName)
        ? Math.round(Number(lastResult?.nextPollSeconds ?? 0) * 1000 * timeScale) : undefined),
    });
  }
  if (retryDelayMs !== undefined || timeScale !== 1) {
    overrides.retryIntervalOverrides = Object.fromEntries(states.filter(([, s]) => s.Retry)
      .map(([stateName, s]) => [stateName,
        s.Retry.map((r) => retryDelayMs ?? Math.round(r.IntervalSeconds * 1000 * timeScale))]));
  }
  const machine = new StateMachine(definition);
  const execution = machine.run(input, {
    overrides,
    context: { Execution: { Name: name, Id: `arn:aws:states:us-east-1:000000000000:execution:imagine-flow-local:${name}` } },
  });
  const stop = () => execution.abort();
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();
  const events = (async () => {
    for await (const event of execution.eventLogs) onEvent(event);
  })();
  try {
    const output = await execution.result;
    await events;
    return { status: 'SUCCEEDED', output };
  } catch (e) {
    await events.catch(() => {});
    if (e instanceof ExecutionAbortedError) {
      return { status: 'ABORTED' };
    }
    if (e instanceof ExecutionError) {
      return { status: 'FAILED', error: e.cause?.name, cause: e.cause?.message };
    }
    throw e;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
