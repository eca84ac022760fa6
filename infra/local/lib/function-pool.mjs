// One Lambda function with room for several execution environments, as Lambda scales a function out. As on
// Lambda, an environment runs one invocation at a time and holds no queue of its own: an invocation waits here
// for an idle environment, so a crashed one fails only the invocation it was running.
import path from 'node:path';
import { LocalFunction } from './local-function.mjs';

export class FunctionPool {
  #idle;
  #waiting = [];

  constructor({ name, arn, size = 1, command, env, timeoutMs, logDir }) {
    this.name = name;
    this.arn = arn;
    this.environments = Array.from({ length: size }, (_, i) => new LocalFunction({
      name, arn, command, env, timeoutMs,
      logFile: path.join(logDir, size === 1 ? `${name}.log` : `${name}-${i + 1}.log`),
    }));
    this.#idle = [...this.environments];
  }

  /** Starts every environment; resolves with the first one's cold start (ms). */
  async start() {
    const coldStarts = await Promise.all(this.environments.map((e) => e.start()));
    return coldStarts[0];
  }

  async invoke(payload) {
    const environment = this.#idle.pop() ?? await new Promise((resolve) => this.#waiting.push(resolve));
    try {
      return await environment.invoke(payload);
    } finally {
      const next = this.#waiting.shift();
      if (next) next(environment);
      else this.#idle.push(environment);
    }
  }

  /** Kills each environment whose current event passes `test`; returns how many were killed. */
  killRunning(test) {
    const doomed = this.environments.filter((e) => e.running !== undefined && test(e.running));
    doomed.forEach((e) => e.kill());
    return doomed.length;
  }

  get coldStarts() {
    return this.environments.flatMap((e) => e.coldStarts);
  }

  get logFiles() {
    return this.environments.map((e) => e.logFile);
  }

  stop(options) {
    return Promise.allSettled(this.environments.map((e) => e.stop(options)));
  }
}
