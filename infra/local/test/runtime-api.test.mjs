// The Lambda Runtime API emulator and the function process around it, against a runtime of a few lines.
import '../lib/polyfill.mjs';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LambdaFunctionError } from '../lib/runtime-api.mjs';
import { LocalFunction } from '../lib/local-function.mjs';

const FAKE = fileURLToPath(new URL('../fixtures/fake-runtime.mjs', import.meta.url));
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-api-'));

function fakeFunction(env = {}, timeoutMs = 5000) {
  return new LocalFunction({ name: 'fake', arn: 'arn:aws:lambda:us-east-1:000000000000:function:fake',
    command: { command: process.execPath, args: [FAKE] }, env, timeoutMs, logFile: path.join(logDir, 'fake.log') });
}

describe('the Runtime API emulator', () => {
  const fn = fakeFunction({}, 1500);
  after(() => fn.stop());

  test('hands an event to the runtime with its request headers and returns the answer', async () => {
    assert.ok(await fn.start() >= 0, 'a cold start is measured');
    const before = Date.now();
    const answer = await fn.invoke({ action: 'echo', n: 1 });
    assert.deepEqual(answer.event, { action: 'echo', n: 1 });
    assert.equal(answer.arn, fn.arn);
    assert.ok(answer.deadline >= before + 1500 - 50 && answer.deadline <= Date.now() + 1500, 'deadline = now + timeout');
  });

  test('a function error keeps its errorType as the name and its error JSON as the cause', async () => {
    const error = await fn.invoke({ action: 'fail' }).catch((e) => e);
    assert.ok(error instanceof LambdaFunctionError);
    assert.equal(error.name, 'io.imagineflow.job.JobInvalid');
    assert.deepEqual(JSON.parse(error.message), { errorType: 'io.imagineflow.job.JobInvalid', errorMessage: 'prompt: is required' });
  });

  test('a runtime that dies fails its invocation as Runtime.ExitError, and the next call starts a new one', async () => {
    const error = await fn.invoke({ action: 'crash' }).catch((e) => e);
    assert.equal(error.name, 'Runtime.ExitError');
    assert.deepEqual((await fn.invoke({ action: 'echo' })).event, { action: 'echo' });
    assert.equal(fn.coldStarts.length, 2);
  });

  test('an invocation past the timeout fails as Sandbox.Timedout, and the runtime is replaced', async () => {
    const error = await fn.invoke({ action: 'hang' }).catch((e) => e);
    assert.equal(error.name, 'Sandbox.Timedout');
    assert.deepEqual((await fn.invoke({ action: 'echo' })).event, { action: 'echo' });
    assert.equal(fn.coldStarts.length, 3);
  });

  test('invocations queue: one environment runs one event at a time, in order', async () => {
    const answers = await Promise.all([1, 2, 3].map((n) => fn.invoke({ action: 'echo', n })));
    assert.deepEqual(answers.map((a) => a.event.n), [1, 2, 3]);
  });
});

test('a runtime that reports an init error fails to start, naming the error', async () => {
  const fn = fakeFunction({ FAIL_INIT: '1' });
  await assert.rejects(fn.start(), /did not start: Runtime.BadConfig: no handler/);
  await fn.stop();
});
