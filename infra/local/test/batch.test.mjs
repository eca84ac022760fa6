// A batch on one machine: 50 lines through the batch function's Open, the job state machine per line and Close
// (lib/batch.mjs says why the Map's reading of the manifest is done there), against DynamoDB Local, the S3 server
// and the xAI simulator. Then the same manifest again, which starts nothing new.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { runBatch } from '../lib/batch.mjs';
import { localS3 } from '../lib/outputs.mjs';
import { simulator, startTestStack, TIME_SCALE } from '../testing/support.mjs';

const GENERATIONS = ['handle_generate_image_request', 'handle_generate_video_request'];

describe('a batch of 50 lines', () => {
  let stack;
  let sim;
  let manifest;

  before(async () => {
    stack = await startTestStack({ environments: 3 });
    sim = simulator(stack);
    // 45 images and 5 videos; line 17 breaks a rule (its job fails with the rule, the others go on).
    const lines = Array.from({ length: 50 }, (_, i) => (i % 10 === 9
      ? { operation: 'text_to_video', prompt: `Batch line ${i + 1}, a paper boat`, options: { duration: 2 } }
      : { operation: 'image_generate', prompt: `Batch line ${i + 1}, a copper owl` }));
    lines[16] = { operation: 'image_generate', prompt: 'Batch line 17', options: { aspect_ratio: 'sideways' } };
    manifest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'imagine-batch-')), 'fifty.jsonl');
    fs.writeFileSync(manifest, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  });
  after(() => stack?.stop());

  const generations = async () => {
    const stats = await sim.stats();
    return GENERATIONS.reduce((sum, op) => sum + (stats.requestsByOperation[op] ?? 0), 0);
  };

  let first;

  test('every line runs as its own job, named by the batch and the line, and the batch is recorded', async () => {
    first = await runBatch(stack, manifest, { timeScale: TIME_SCALE });
    const { opened, jobs, record } = first;

    assert.equal(opened.lines, 50);
    assert.equal(opened.run, 1);
    assert.deepEqual(jobs.map((j) => j.jobId), jobs.map((_, i) => `${opened.batchId}-${i + 1}`));
    assert.equal(jobs[16].status, 'FAILED');
    assert.equal(jobs[16].record.error.code, 'JobInvalid');
    assert.match(jobs[16].record.error.message, /options\.aspect_ratio/);
    assert.equal(jobs.filter((j) => j.record?.status === 'succeeded').length, 49);
    assert.equal(record.status, 'completed');
    assert.deepEqual(record.counts, { failed: 1, succeeded: 49 });
    const ticks = jobs.reduce((sum, j) => sum + (j.record.cost?.usdTicks ?? 0), 0);
    assert.ok(ticks > 0);
    assert.equal(record.cost.usdTicks, ticks, 'the batch costs what its jobs cost');
    assert.ok(Date.parse(record.firstFinishedAt) <= Date.parse(record.lastFinishedAt));
    assert.equal(await generations(), 49, 'one generation a valid line');

    // The results manifest: every line's record, in line order.
    const key = record.results.replace('s3://imagine-inputs/', '');
    const body = await (await localS3(stack.endpoints.s3).send(new GetObjectCommand({ Bucket: 'imagine-inputs', Key: key })))
      .Body.transformToString();
    const results = body.trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(results.map((r) => r.jobId), jobs.map((j) => j.jobId));
    assert.deepEqual(results.map((r) => r.status), jobs.map((j) => j.record.status));
  });

  test('the same manifest again opens run 2, starts no job and pays nothing, and writes the same results', async () => {
    const before = await generations();
    const billed = (await sim.stats()).billedTicks;
    const again = await runBatch(stack, manifest, { timeScale: TIME_SCALE });

    assert.equal(again.opened.batchId, first.opened.batchId, 'the same manifest names the same batch');
    assert.equal(again.opened.run, 2);
    assert.deepEqual(again.record.counts, first.record.counts);
    assert.equal(await generations(), before, 'no generation request');
    assert.equal((await sim.stats()).billedTicks, billed, 'nothing billed');

    // Even a line started under another execution name (a re-run after Step Functions forgot the names) finds its
    // job's record and starts nothing.
    const line = JSON.parse(fs.readFileSync(manifest, 'utf8').split('\n')[0]);
    const rerun = await stack.run({ batchItem: { batch: first.opened.batchId, index: 0, request: line } },
      { timeScale: TIME_SCALE, name: `${first.opened.batchId}-1-again` });
    assert.equal(rerun.status, 'SUCCEEDED');
    assert.equal(rerun.record.jobId, `${first.opened.batchId}-1`);
    assert.deepEqual(rerun.record.outputs, first.jobs[0].record.outputs);
    assert.equal(await generations(), before, 'still no generation request');
  });
});
