// A whole local job's logs, through the README's own commands: `run-job` leaves every function's lines in
// out/logs/, each a JSON object that names the job, and `run-job --logs JOB_ID` prints them in time order.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { jobOf, parseLine } from '../lib/job-logs.mjs';
import { example, ROOT } from '../testing/support.mjs';

const RUN_JOB = path.join(ROOT, 'infra', 'local', 'run-job.mjs');

function runJob(args) {
  const run = spawnSync(process.execPath, [RUN_JOB, ...args], { encoding: 'utf8', timeout: 300_000 });
  return { ...run, lines: run.stdout.split('\n').filter(Boolean) };
}

test('every line of a local job is JSON naming the job, and --logs prints them in time order', { timeout: 360_000 }, () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'imagine-flow-logs-'));
  const prompt = 'A harbour at dusk, logs scenario with a unique prompt';
  const eventFile = path.join(out, 'event.json');
  fs.writeFileSync(eventFile, JSON.stringify({ ...example('operations/image-generate.json'), prompt }));

  const run = runJob([eventFile, '--out', out, '--time-scale', '0.1', '--runtime',
    process.env.IMAGINE_LOCAL_RUNTIME ?? 'jvm']);
  assert.equal(run.status, 0, run.stderr);
  const record = JSON.parse(run.lines.at(-1));

  const jobFunctions = ['submit', 'poll', 'finalize'];
  for (const fn of jobFunctions) {
    const text = fs.readFileSync(path.join(out, 'logs', `${fn}.log`), 'utf8');
    const lines = text.split('\n').filter(Boolean);
    assert.ok(lines.length > 0, `${fn} wrote lines`);
    assert.ok(lines.some((line) => parseLine(line)?.mdc?.AWSRequestId), `${fn}: lines of an invocation carry its request id`);
    for (const line of lines) {
      const entry = parseLine(line);
      assert.ok(entry, `${fn}: a line that is not a JSON object: ${line}`);
      assert.ok(!line.includes(prompt), `${fn}: the prompt reached a log line: ${line}`);
      if (entry._aws) {
        assert.equal(entry.jobId, record.jobId, `${fn}: a metric line of another job: ${line}`);
        continue;
      }
      assert.equal(entry.function, fn, `${fn}: the line names its function: ${line}`);
      // Start-up lines come before any invocation, and the runtime's own lines between invocations name no job;
      // every line written during one names the job and the request.
      if (!entry.mdc?.AWSRequestId) assert.equal(entry.mdc?.jobId, undefined, `${fn}: outside an invocation: ${line}`);
      if (entry.mdc?.AWSRequestId) {
        assert.equal(entry.mdc.jobId, record.jobId, `${fn}: a line of an invocation without the job: ${line}`);
        assert.equal(entry.mdc.operation, 'image_generate', line);
        // The state machine tells poll and finalize its execution; submit's lines join it by jobId and traceId.
        if (fn !== 'submit') assert.match(entry.mdc.execution ?? '', /:execution:/, `${fn}: the execution: ${line}`);
      }
    }
  }

  const printed = runJob(['--logs', record.jobId, '--out', out, '--json']);
  assert.equal(printed.status, 0, printed.stderr);
  const entries = printed.lines.map((l) => JSON.parse(l));
  assert.ok(entries.every((e) => jobOf(e) === record.jobId));
  const messages = entries.filter((e) => !e._aws).map((e) => `${e.function}: ${e.message}`);
  const order = [/^submit: job \S+: claimed/, /^submit: job \S+: image_generate started at xAI/,
    /^poll: job \S+: ended at xAI, done/, /^finalize: job \S+: recorded succeeded/];
  let at = -1;
  for (const step of order) {
    const found = messages.findIndex((m, i) => i > at && step.test(m));
    assert.ok(found > at, `${step} after the steps before it, in:\n${messages.join('\n')}`);
    at = found;
  }
  const xaiLines = entries.filter((e) => !e._aws && e.function !== 'submit');
  assert.ok(xaiLines.every((e) => e.mdc.xaiRequestId === record.xaiRequestId), 'poll and finalize name the xAI request');
  const metrics = new Set(entries.filter((e) => e._aws)
    .flatMap((e) => e._aws.CloudWatchMetrics.flatMap((d) => d.Metrics.map((m) => m.Name))));
  for (const name of ['JobsStarted', 'GenerationTime', 'DetectionDelay', 'JobsSucceeded', 'PollsPerJob', 'CostUsd',
    'OutputsDelivered']) {
    assert.ok(metrics.has(name), `metric ${name} among ${[...metrics]}`);
  }

  const formatted = runJob(['--logs', record.jobId, '--out', out]);
  assert.equal(formatted.status, 0);
  assert.match(formatted.lines[0], /^\d{4}-\d\d-\d\dT\S+Z submit\s+INFO\s+job \S+: claimed/);
  assert.equal(runJob(['--logs', 'no-such-job', '--out', out]).status, 3);
  assert.equal(runJob(['--logs', record.jobId, 'extra.json', '--out', out]).status, 2);
});
