// infra/statemachine/webhook-delivery.asl.json, checked as a document and run by aws-local-stepfunctions over a
// scripted webhook function: a delivery retried until the receiver takes it, a refused URL given up at once, and
// a delivery whose answer was lost after it reached the receiver not given up.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { loadDefinition, execute } from '../lib/state-machine.mjs';
import { ROOT } from '../testing/support.mjs';

const require = createRequire(import.meta.url);
const aslValidator = require('asl-validator');
const FN = 'arn:aws:lambda:us-east-1:000000000000:function:imagine-flow-webhook';
const definition = loadDefinition(path.join(ROOT, 'infra', 'statemachine', 'webhook-delivery.asl.json'),
  { WebhookFunctionArn: FN });
const INPUT = { jobId: 'j-1', event: 'completed', webhookId: 'j-1-completed' };

/** A Lambda error as the lambda:invoke integration reports it: its errorType is the error name Retry matches. */
function lambdaError(type, message) {
  const e = new Error(JSON.stringify({ errorType: type, errorMessage: message }));
  e.name = type;
  return e;
}

/** Runs the machine over `answers`: one function per call, in order, given the payload. */
async function run(answers) {
  const calls = [];
  const result = await execute({ definition, input: INPUT, name: 'test', retryDelayMs: 1,
    invoke: async (arn, payload) => {
      assert.equal(arn, FN);
      calls.push(payload);
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
      return answer(payload);
    } });
  return { ...result, calls };
}

test('the definition is valid Amazon States Language', () => {
  const { isValid, errorsText } = aslValidator(definition);
  assert.ok(isValid, errorsText('\n'));
});

test('a failing receiver is retried with the same delivery until it takes it', async () => {
  const failing = () => { throw lambdaError('io.imagineflow.job.WebhookFailed', 'the receiver answered 500'); };
  const r = await run([failing, failing, failing, () => ({ webhookId: 'j-1-completed', outcome: 'delivered', status: 204 })]);
  assert.equal(r.status, 'SUCCEEDED');
  assert.equal(r.calls.length, 4);
  assert.ok(r.calls.every((c) => c.webhookId === 'j-1-completed' && c.failure === undefined), 'the same delivery each time');
});

test('a refused URL is given up at once, recorded, and the execution fails with its error', async () => {
  const r = await run([
    () => { throw lambdaError('io.imagineflow.job.WebhookRefused', 'resolves to 10.0.0.7, a private address'); },
    (payload) => ({ webhookId: payload.webhookId, outcome: 'gave_up', error: payload.failure.Error, cause: 'private address' }),
  ]);
  assert.equal(r.status, 'FAILED');
  assert.equal(r.error, 'io.imagineflow.job.WebhookRefused');
  assert.equal(r.calls.length, 2, 'no retry of a refusal');
  assert.equal(r.calls[1].failure.Error, 'io.imagineflow.job.WebhookRefused', 'the give-up is told why');
});

test('a delivery that reached the receiver before its answer was lost is not given up', async () => {
  const r = await run([
    () => { throw lambdaError('io.imagineflow.job.JobMisconfigured', 'lost'); },
    (payload) => ({ webhookId: payload.webhookId, outcome: 'delivered' }),
  ]);
  assert.equal(r.status, 'SUCCEEDED');
});
