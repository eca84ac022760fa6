// The state machine definition, checked as a document: valid ASL, and the rules every execution relies on.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../testing/support.mjs';

const require = createRequire(import.meta.url);
const aslValidator = require('asl-validator');
const FILE = path.join(ROOT, 'infra', 'statemachine', 'imagine-job.asl.json');
const definition = JSON.parse(fs.readFileSync(FILE, 'utf8'));
const states = Object.entries(definition.States);
const tasks = states.filter(([, s]) => s.Type === 'Task');

// Which names each Retry lists is the error catalogue's business (io.imagineflow.job.ErrorCode), checked against
// this definition by ErrorCatalogueTest; here, every Task must retry what Submit retries, and more only on timeouts.
const TIMEOUTS = ['States.Timeout', 'Sandbox.Timedout', 'Lambda.Unknown'];
const SUBMIT_RETRIES = definition.States.Submit.Retry.flatMap((r) => r.ErrorEquals);

test('the definition is valid Amazon States Language', () => {
  const { isValid, errorsText } = aslValidator(definition);
  assert.ok(isValid, errorsText('\n'));
});

test('every Task retries the functions\' transient errors and Lambda\'s own, with backoff, jitter and a cap', () => {
  for (const [name, state] of tasks) {
    const retried = state.Retry.flatMap((r) => r.ErrorEquals);
    assert.ok(SUBMIT_RETRIES.length >= 5, 'Submit retries the functions\' transient errors and Lambda\'s own');
    for (const error of SUBMIT_RETRIES) assert.ok(retried.includes(error), `${name} retries ${error}`);
    for (const error of retried) {
      assert.ok(SUBMIT_RETRIES.includes(error) || TIMEOUTS.includes(error), `${name} retries only what Submit does, and timeouts`);
    }
    for (const r of state.Retry) {
      assert.ok(r.BackoffRate >= 1.5 && r.MaxAttempts <= 6, `${name}: backoff and bounded attempts`);
      assert.equal(r.JitterStrategy, 'FULL', `${name}: jitter`);
      assert.ok(r.MaxDelaySeconds > 0 || r.MaxAttempts <= 2, `${name}: the delay is capped`);
    }
    assert.ok(!retried.includes('States.ALL') && !retried.includes('io.imagineflow.job.JobInvalid'),
      `${name} does not retry what cannot succeed`);
  }
});

test('a timed-out submit is not retried: it may have started the job at xAI', () => {
  const submit = definition.States.Submit;
  assert.ok(!submit.Retry.some((r) => r.ErrorEquals.includes('States.Timeout')));
  assert.ok(definition.States.Poll.Retry.some((r) => r.ErrorEquals.includes('States.Timeout')));
});

test('every Task catches everything, so every execution ends with a record', () => {
  for (const [name, state] of tasks) {
    assert.equal(state.Catch.length, 1, name);
    assert.deepEqual(state.Catch[0].ErrorEquals, ['States.ALL'], name);
    assert.ok(state.TimeoutSeconds > 0, `${name} has a timeout`);
  }
  assert.equal(definition.States.Submit.Catch[0].Next, 'SubmitRefused');
  assert.equal(definition.States.SubmitRefused.Next, 'RecordFailure');
  for (const name of ['Poll', 'Finalize']) {
    assert.equal(definition.States[name].Catch[0].Next, 'RecordFailure');
    assert.equal(definition.States[name].Catch[0].ResultPath, '$.failure', `${name} keeps the job state`);
  }
  // Only a failure to record the failure itself ends without a record.
  assert.equal(definition.States.RecordFailure.Catch[0].Next, 'NotRecorded');
});

test('the loop waits as the job state says, is bounded, and the execution has a timeout', () => {
  assert.equal(definition.States.Wait.SecondsPath, '$.nextPollSeconds');
  const choices = definition.States.Outcome.Choices;
  assert.deepEqual(choices[0].And.map((c) => c.Variable), ['$.status', '$.polls']);
  assert.equal(choices[0].Next, 'Wait');
  assert.equal(choices[1].Next, 'PollLimitReached');
  assert.equal(definition.States.Outcome.Default, 'Finalize');
  // The job's own deadline (30 minutes for a video) ends the loop first; the timeout only backs it up.
  assert.ok(definition.TimeoutSeconds >= 3600);
});

test('the state stays small: each Task keeps only the function\'s answer', () => {
  for (const [name, state] of tasks) {
    assert.equal(state.Resource, 'arn:aws:states:::lambda:invoke', name);
    assert.equal(state.OutputPath, '$.Payload', name);
    assert.deepEqual(Object.keys(state.Parameters).sort(), ['FunctionName', 'Payload.$'], name);
  }
});

test('the function ARNs are the template\'s DefinitionSubstitutions', () => {
  const placeholders = new Set([...fs.readFileSync(FILE, 'utf8').matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
  const template = require('cfn-lint/lib/parser').openFile(path.join(ROOT, 'infra', 'template.yaml'));
  const machine = template.Resources.JobStateMachine.Properties;
  assert.equal(machine.DefinitionUri, 'statemachine/imagine-job.asl.json');
  assert.deepEqual([...placeholders].sort(), Object.keys(machine.DefinitionSubstitutions).sort());
});

test('a failed job fails the execution with its record\'s error code as the error name', () => {
  // A pending answer is a job that RecordFailure followed on (a submit that died after xAI may have taken a job
  // that delivers to S3): it goes round the loop again instead of ending.
  assert.deepEqual(definition.States.Recorded.Choices, [
    { Variable: '$.status', StringEquals: 'succeeded', Next: 'Succeeded' },
    { Variable: '$.status', StringEquals: 'pending', Next: 'Wait' }]);
  assert.equal(definition.States.JobFailed.Type, 'Fail');
  assert.equal(definition.States.JobFailed.ErrorPath, '$.error.code');
});
