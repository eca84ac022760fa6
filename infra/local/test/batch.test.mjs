// A batch on one machine: 50 lines through the batch machine of the local Step Functions API (lib/batch.mjs: Open,
// the job state machine per line, Close), against DynamoDB Local, the S3 server and the xAI simulator. Then the
// same manifest again, which starts nothing new.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runBatch } from '../lib/batch.mjs';
import { RETRY_DELAY_MS, simulator, startTestStack, TIME_SCALE } from '../testing/support.mjs';

const GENERATIONS = ['handle_generate_image_request', 'handle_generate_video_request'];

describe('a batch of 50 lines', () => {
  let stack;
  let sim;
  let manifest;

  before(async () => {
    stack = await startTestStack({ environments: 3, timeScale: TIME_SCALE, retryDelayMs: RETRY_DELAY_MS });
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
    first = await runBatch(stack, manifest);
    const { outcome, record, results } = first;

    assert.equal(outcome.status, 'SUCCEEDED', outcome.cause);
    assert.equal(record.lines, 50);
    assert.equal(record.run, 1);
    assert.equal(record.status, 'completed');
    assert.deepEqual(record.counts, { failed: 1, succeeded: 49 });
    // The results manifest: every line's record, in line order, each job in its own execution named by its id.
    assert.deepEqual(results.map((r) => r.jobId), results.map((_, i) => `${record.batchId}-${i + 1}`));
    const executions = stack.stepFunctions.executions(stack.machines.job).map((e) => e.name);
    for (const r of results) assert.ok(executions.includes(r.jobId), `an execution named ${r.jobId}`);
    assert.equal(results[16].status, 'failed');
    assert.equal(results[16].error.code, 'JobInvalid');
    assert.match(results[16].error.message, /options\.aspect_ratio/);
    assert.equal(results.filter((r) => r.status === 'succeeded').length, 49);
    const ticks = results.reduce((sum, r) => sum + (r.cost?.usdTicks ?? 0), 0);
    assert.ok(ticks > 0);
    assert.equal(record.cost.usdTicks, ticks, 'the batch costs what its jobs cost');
    assert.equal(record.firstFinishedAt, results.map((r) => r.finishedAt).sort()[0]);
    assert.equal(record.lastFinishedAt, results.map((r) => r.finishedAt).sort().at(-1));
    assert.equal(await generations(), 49, 'one generation a valid line');
  });

  test('the same manifest again opens run 2, starts no job and pays nothing, and writes the same results', async () => {
    const before = await generations();
    const billed = (await sim.stats()).billedTicks;
    const again = await runBatch(stack, manifest);

    assert.equal(again.outcome.status, 'SUCCEEDED', again.outcome.cause);
    assert.equal(again.record.batchId, first.record.batchId, 'the same manifest names the same batch');
    assert.equal(again.record.run, 2);
    assert.deepEqual(again.record.counts, first.record.counts);
    assert.deepEqual(again.results, first.results);
    assert.equal(await generations(), before, 'no generation request');
    assert.equal((await sim.stats()).billedTicks, billed, 'nothing billed');

    // Even a line started under another execution name (a re-run after Step Functions forgot the names) finds its
    // job's record and starts nothing.
    const line = JSON.parse(fs.readFileSync(manifest, 'utf8').split('\n')[0]);
    const rerun = await stack.run({ batchItem: { batch: first.record.batchId, index: 0, request: line } },
      { timeScale: TIME_SCALE, name: `${first.record.batchId}-1-again` });
    assert.equal(rerun.status, 'SUCCEEDED');
    assert.equal(rerun.record.jobId, `${first.record.batchId}-1`);
    assert.deepEqual(rerun.record.outputs, first.results[0].outputs);
    assert.equal(await generations(), before, 'still no generation request');
  });

  test('a manifest that breaks a rule is refused with its line, and nothing runs', async () => {
    const bad = path.join(path.dirname(manifest), 'bad.jsonl');
    fs.writeFileSync(bad, '{"operation":"image_generate","prompt":"a"}\nnot json\n');
    const before = await generations();

    const refused = await runBatch(stack, bad);

    assert.equal(refused.outcome.status, 'FAILED');
    assert.equal(refused.outcome.error, 'io.imagineflow.job.JobInvalid');
    assert.match(refused.outcome.cause, /manifest line 2: is not JSON/);
    assert.equal(await generations(), before);
  });
});
