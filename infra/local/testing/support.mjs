// What the infra/local tests share: one local stack per test file, quick generations and shortened waits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../lib/artifact.mjs';
import { startStack } from '../lib/stack.mjs';

export const ROOT = projectRoot();
// Waits at 5% of what the job state asks (a video's first 14 s become 0.7 s), with generations that take long
// enough for a video to be polled several times.
export const TIME_SCALE = 0.05;
export const RETRY_DELAY_MS = 50;

/**
 * `environments` per function: a file whose tests run concurrently needs more than one. `timeScale` and
 * `retryDelayMs` are those of the executions the stack starts itself (a batch's jobs, the API's).
 */
export function startTestStack({ environments = 1, timeScale, retryDelayMs } = {}) {
  return startStack({
    environments,
    timeScale,
    retryDelayMs,
    runtime: process.env.IMAGINE_LOCAL_RUNTIME ?? 'auto',
    imageReadyMs: 300,
    videoReadyMs: 2500,
    logDir: fs.mkdtempSync(path.join(os.tmpdir(), 'imagine-flow-local-')),
  });
}

export function example(relative) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'infra', 'events', relative), 'utf8'));
}

/** The simulator's control door: faults for the next requests to an operation, and its billing ledger. */
export function simulator(stack) {
  const base = stack.endpoints.xai;
  return {
    async inject(fault, operation, times = 1) {
      const response = await fetch(`${base}/sim/faults`, {
        method: 'POST',
        body: JSON.stringify({ fault, operation, times }),
      });
      if (response.status !== 204) throw new Error(`fault not scheduled: ${response.status}`);
    },
    async stats() {
      return (await fetch(`${base}/sim/stats`)).json();
    },
  };
}

export function run(stack, event) {
  const events = [];
  return stack.run(event, { timeScale: TIME_SCALE, retryDelayMs: RETRY_DELAY_MS, onEvent: (e) => events.push(e) })
    .then((result) => ({ ...result, events, entered: events.filter((e) => e.type === 'StateEntered').map((e) => e.state.name) }));
}
