// The Step Functions API on this machine, as the functions' AWS SDK calls it (the JSON 1.0 protocol):
// StartExecution, StopExecution and DescribeExecution of the job and webhook state machines, each execution the
// real ASL run by aws-local-stepfunctions over the local functions. Written here because AWS's own Step
// Functions Local ships as a container image or a download outside the package registries, and neither is to
// be had on these machines; the executions themselves are the real definitions, run by the same engine as run-job.
import http from 'node:http';
import { execute } from './state-machine.mjs';

const ACCOUNT = 'arn:aws:states:us-east-1:000000000000';
// Step Functions' rule for execution names (a Standard machine keeps a name for 90 days: here, for the process).
const NAME = /^[A-Za-z0-9_-]{1,80}$/;

export const machineArn = (name) => `${ACCOUNT}:stateMachine:${name}`;
const executionArn = (machine, name) => `${machine.replace(':stateMachine:', ':execution:')}:${name}`;

class ApiError extends Error {
  constructor(type, message) {
    super(message);
    this.type = type;
  }
}

export class LocalStepFunctions {
  #server = null;
  #executions = new Map();

  /**
   * `machines` maps a state machine's ARN to its definition (substitutions applied), or to a function that runs an
   * execution itself ({input, name, signal} in, {status, output} out); `invoke(functionArn,
   * payload)` runs a function; `timeScale` and `retryDelayMs` are execute()'s.
   */
  constructor({ machines, invoke, timeScale = 1, retryDelayMs }) {
    this.machines = machines;
    this.invoke = invoke;
    this.timeScale = timeScale;
    this.retryDelayMs = retryDelayMs;
  }

  async listen() {
    this.#server = http.createServer((req, res) => this.#handle(req, res));
    await new Promise((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${this.#server.address().port}`;
  }

  /**
   * Starts an execution named `name` of `machine`; an existing name is refused, as Step Functions refuses it.
   * `onEvent` receives its history events, `onResult(functionArn, result)` each Task's answer; `timeScale` and
   * `retryDelayMs` override the API's own for this execution.
   */
  start(machine, name, input, { onEvent, onResult, timeScale = this.timeScale, retryDelayMs = this.retryDelayMs } = {}) {
    const definition = this.machines[machine];
    if (!definition) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${machine}'`);
    if (!NAME.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
    const arn = executionArn(machine, name);
    if (this.#executions.has(arn)) throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    const controller = new AbortController();
    const record = { arn, machine, name, input, status: 'RUNNING', startDate: Date.now() / 1000, controller };
    // A machine given as a function runs its steps itself (the batch machine: lib/batch.mjs).
    const run = typeof definition === 'function' ? definition : execute;
    record.done = run({
      definition,
      input,
      name,
      signal: controller.signal,
      timeScale,
      retryDelayMs,
      onEvent,
      invoke: async (functionArn, payload) => {
        const result = await this.invoke(functionArn, payload);
        onResult?.(functionArn, result);
        return result;
      },
    }).then((outcome) => {
      Object.assign(record, outcome, { stopDate: Date.now() / 1000 });
      return outcome;
    }, (e) => {
      Object.assign(record, { status: 'FAILED', error: 'States.Runtime', cause: String(e?.message ?? e) });
      return record;
    });
    this.#executions.set(arn, record);
    return record;
  }

  stop(arn) {
    const record = this.#executions.get(arn);
    if (!record) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    record.controller.abort();
    return record;
  }

  describe(arn) {
    const record = this.#executions.get(arn);
    if (!record) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  /** Every execution of `machine` (all when none is named), as records: arn, name, input, status, output, error. */
  executions(machine) {
    return [...this.#executions.values()].filter((e) => !machine || e.machine === machine);
  }

  /** Resolves once no execution runs (one started meanwhile is waited for too). */
  async idle() {
    for (;;) {
      const running = [...this.#executions.values()].filter((e) => e.status === 'RUNNING');
      if (running.length === 0) return;
      await Promise.all(running.map((e) => e.done));
    }
  }

  async close() {
    for (const e of this.#executions.values()) e.controller.abort();
    await Promise.allSettled([...this.#executions.values()].map((e) => e.done));
    if (this.#server) await new Promise((resolve) => this.#server.close(resolve));
  }

  async #handle(req, res) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const target = String(req.headers['x-amz-target'] ?? '').replace(/^AWSStepFunctions\./, '');
    let status = 200;
    let body;
    try {
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      if (target === 'StartExecution') {
        const input = request.input === undefined ? {} : JSON.parse(request.input);
        const record = this.start(request.stateMachineArn, request.name ?? crypto.randomUUID(), input);
        body = { executionArn: record.arn, startDate: record.startDate };
      } else if (target === 'StopExecution') {
        const record = this.stop(request.executionArn);
        body = { stopDate: record.stopDate ?? Date.now() / 1000 };
      } else if (target === 'DescribeExecution') {
        const r = this.describe(request.executionArn);
        body = { executionArn: r.arn, stateMachineArn: r.machine, name: r.name, status: r.status,
          startDate: r.startDate, ...(r.stopDate ? { stopDate: r.stopDate } : {}), input: JSON.stringify(r.input),
          ...(r.output !== undefined ? { output: JSON.stringify(r.output) } : {}),
          ...(r.error ? { error: r.error, cause: r.cause ?? '' } : {}) };
      } else {
        throw new ApiError('UnknownOperationException', `${target} is not served locally`);
      }
    } catch (e) {
      status = 400;
      body = { __type: e instanceof ApiError ? e.type : 'InvalidExecutionInput', message: e.message };
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }
}
