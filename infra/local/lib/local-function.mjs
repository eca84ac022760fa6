// One Lambda function on this machine: the artifact in its own process, behind its own Runtime API emulator,
// with the environment Lambda would give it. A process that dies is started again on the next invocation, as
// Lambda replaces a crashed execution environment.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { RuntimeApi } from './runtime-api.mjs';

export class LocalFunction {
  #api;
  #process = null;
  #log;

  constructor({ name, arn, command, env, timeoutMs, logFile }) {
    this.name = name;
    this.arn = arn;
    this.command = command;
    this.env = env;
    this.logFile = logFile;
    this.#api = new RuntimeApi({ functionArn: arn, timeoutMs });
    // A timed-out runtime is stopped, as Lambda stops its environment; the next invocation gets a new one.
    this.#api.onTimeout = () => {
      const child = this.#process;
      this.#process = null;
      child?.kill('SIGKILL');
    };
    this.coldStarts = [];
  }

  /** Starts the runtime and waits for its first request for an event; returns the cold start in (fractional) ms. */
  async start() {
    if (!this.address) this.address = await this.#api.listen();
    this.#log ??= fs.createWriteStream(this.logFile, { flags: 'a' });
    const started = performance.now();
    this.#api.reset();
    const child = spawn(this.command.command, this.command.args, {
      env: { ...process.env, ...this.env, AWS_LAMBDA_RUNTIME_API: this.address },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#process = child;
    this.pid = child.pid;
    child.stdout.pipe(this.#log, { end: false });
    child.stderr.pipe(this.#log, { end: false });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    exited.then((code) => {
      if (this.#process !== child) return; // stopped on purpose, and already replaced
      this.#process = null;
      this.#api.failAll('Runtime.ExitError', `the ${this.name} runtime exited (${code ?? 'killed'}); `
        + `its log: ${this.logFile}`);
    });
    const firstPoll = await Promise.race([this.#api.ready, exited.then(() => null)]).catch(() => null);
    if (firstPoll === null) {
      const why = this.#api.initError ? `: ${this.#api.initError.errorType}: ${this.#api.initError.errorMessage}` : '';
      throw new Error(`the ${this.name} function did not start${why}; its log: ${this.logFile}`);
    }
    const coldStart = firstPoll - started;
    this.coldStarts.push(coldStart);
    return coldStart;
  }

  async invoke(payload) {
    if (!this.#process) await this.start();
    return this.#api.invoke(payload);
  }

  /** The event the runtime is working on, if any. */
  get running() {
    return this.#api.running;
  }

  /**
   * Kills the runtime process at once (SIGKILL), as a crash or an out-of-memory kill would: what it was running
   * fails with Runtime.ExitError and the next invocation starts a new one.
   */
  kill() {
    this.#process?.kill('SIGKILL');
  }

  /** Replaces the runtime process with a new one, as Lambda does for a new execution environment: a cold start. */
  async restart() {
    await this.#stopProcess(3000);
    return this.start();
  }

  /**
   * Stops the runtime (SIGTERM, then SIGKILL after `graceMs`: longer for a JVM that writes a class archive as it
   * exits) and the emulator.
   */
  async stop({ graceMs = 3000 } = {}) {
    await this.#stopProcess(graceMs);
    await this.#api.close();
    this.#log?.end();
  }

  async #stopProcess(graceMs) {
    const child = this.#process;
    this.#process = null;
    if (child) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
    }
  }
}
