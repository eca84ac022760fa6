// The state machine of infra/statemachine, executed by aws-local-stepfunctions, each Task invoking the real
// function artifact behind the Runtime API emulator, against DynamoDB Local and the xAI simulator. Each
// scenario ends with the record it should leave in DynamoDB.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { localS3 } from '../lib/outputs.mjs';
import { example, run, simulator, startTestStack } from '../testing/support.mjs';

const GENERATE_IMAGE = 'handle_generate_image_request';
const GENERATE_VIDEO = 'handle_generate_video_request';

describe('one job through the state machine', () => {
  let stack;
  let sim;

  before(async () => {
    stack = await startTestStack();
    sim = simulator(stack);
  });
  after(() => stack?.stop());

  const image = (prompt) => ({ ...example('operations/image-generate.json'), prompt });
  const video = (prompt) => ({ ...example('operations/text-to-video.json'), prompt });

  async function stored(result) {
    const item = await stack.stored(result.jobId);
    assert.ok(item, `no item for ${result.jobId} in DynamoDB`);
    return item;
  }

  /** The execution failed with the record's code as its error, and DynamoDB holds that failed record. */
  async function failedRecord(result, outcome, code) {
    assert.equal(result.status, 'FAILED');
    assert.equal(result.error, code);
    const item = await stored(result);
    assert.equal(item.status, 'failed');
    assert.equal(item.outcome, outcome);
    assert.equal(item.error.code, code);
    return item;
  }

  test('an image job is submitted, polled, finalized and recorded as succeeded', async () => {
    const prompt = 'A lighthouse at dawn, flow scenario image';
    const result = await run(stack, image(prompt));

    assert.equal(result.status, 'SUCCEEDED');
    assert.deepEqual(result.entered.slice(0, 3), ['Submit', 'Wait', 'Poll']);
    assert.deepEqual(result.entered.slice(-3), ['Finalize', 'Recorded', 'Succeeded']);
    const item = await stored(result);
    assert.equal(item.status, 'succeeded');
    assert.equal(item.outcome, 'done');
    assert.equal(item.operation, 'image_generate');
    assert.equal(item.outputs.length, 1);
    assert.match(item.outputs[0].fileId, /^file_/);
    assert.equal(item.outputs[0].filename, 'lighthouse.jpg');
    assert.deepEqual(item.cost, { usdTicks: 200000000, usd: 0.02 });
    assert.ok(item.finishedAt && item.ttl > Date.now() / 1000, 'finished, with a TTL');
    assert.deepEqual(item.outputs, result.record.outputs, 'the execution returned what was stored');
    assert.equal((await sim.stats()).billedTicksByPrompt[prompt], 200000000, 'paid once');
    // Delivered to the local bucket by xAI's own upload, at a key made of the job id.
    assert.equal(item.deliverTo, 's3://imagine-outputs/outputs/');
    assert.equal(item.outputs[0].deliveredBy, 'xai_upload');
    assert.equal(item.outputs[0].s3.key, `outputs/${item.jobId}/0.jpg`);
    await inBucket(item.outputs[0]);
  });

  /** The output's object is in the local bucket, as the record says. */
  async function inBucket(output) {
    const head = await localS3(stack.endpoints.s3).send(new HeadObjectCommand({ Bucket: output.s3.bucket, Key: output.s3.key }));
    assert.equal(head.ContentLength, output.s3.bytes);
    assert.equal(head.ContentType, output.s3.contentType);
  }

  test('an output whose upload S3 refused is copied into the bucket by finalize', async () => {
    await sim.inject('UPLOAD_REFUSED', GENERATE_VIDEO);
    const result = await run(stack, video('A paper boat on a rainy street, flow scenario refused upload'));

    assert.equal(result.status, 'SUCCEEDED');
    const item = await stored(result);
    assert.equal(item.outputs[0].deliveredBy, 'copied');
    assert.equal(item.outputs[0].s3.key, `outputs/${item.jobId}/0.mp4`);
    await inBucket(item.outputs[0]);
    assert.equal((await sim.stats()).uploads.refused >= 1, true, 'S3 refused the broken signature');
  });

  test('a start whose answer was lost is recovered from the bucket, its cost unknown', async () => {
    await sim.inject('MALFORMED_BODY', GENERATE_VIDEO);
    const prompt = 'A paper boat on a rainy street, flow scenario lost answer';
    const result = await run(stack, video(prompt));

    assert.equal(result.status, 'SUCCEEDED');
    const item = await stored(result);
    assert.equal(item.recovered, true);
    assert.equal(item.costKnown, false);
    assert.equal(item.cost, undefined);
    assert.equal(item.xaiRequestId, undefined, 'xAI never said');
    await inBucket(item.outputs[0]);
    const stats = await sim.stats();
    assert.equal(stats.acceptedByPrompt[prompt], 1, 'started once, not again');
    assert.ok(stats.billedTicksByPrompt[prompt] > 0, 'and billed: the result was worth finding');
  });

  test('a video job goes round Wait and Poll several times before it is done', async () => {
    const result = await run(stack, video('A paper boat on a rainy street, flow scenario video'));

    assert.equal(result.status, 'SUCCEEDED');
    const item = await stored(result);
    assert.equal(item.status, 'succeeded');
    assert.equal(item.outputs[0].mediaType, 'video/mp4');
    assert.ok(item.polls >= 3, `polled ${item.polls} times`);
    assert.equal(result.entered.filter((name) => name === 'Poll').length, item.polls);
    assert.ok(item.cost.usdTicks > 0);
  });

  test('a generation that fails at xAI ends in a failed record and a Fail named after its code', async () => {
    await sim.inject('FAILED', GENERATE_IMAGE);
    const result = await run(stack, image('A lighthouse at dawn, flow scenario failed'));

    const item = await failedRecord(result, 'failed', 'XaiFailed');
    assert.equal(item.error.xaiCode, 'internal_error', "xAI's own code is kept beside the catalogue's");
    assert.deepEqual(result.entered.slice(-3), ['Finalize', 'Recorded', 'JobFailed']);
  });

  test('an expired generation is recorded as failed with XaiExpired', async () => {
    await sim.inject('EXPIRED', GENERATE_VIDEO);
    const result = await run(stack, video('A paper boat on a rainy street, flow scenario expired'));

    await failedRecord(result, 'expired', 'XaiExpired');
  });

  test('a moderated output is recorded as failed with XaiModerated, and its cost', async () => {
    await sim.inject('MODERATED_DONE', GENERATE_IMAGE);
    const prompt = 'A lighthouse at dawn, flow scenario moderated';
    const result = await run(stack, image(prompt));

    const item = await failedRecord(result, 'moderated', 'XaiModerated');
    assert.equal(item.cost.usdTicks, (await sim.stats()).billedTicksByPrompt[prompt], 'moderation is billed');
  });

  test('a submit throttled past the client\'s own retries is queued behind the 429, comes back on its slot, then done', async () => {
    // Three 429s use up one submit's attempts (the first and two retries); the governor holds the model back for
    // xAI's Retry-After and the job waits for its slot as a queued state (Wait, Poll passing it through, Outcome,
    // Requeue), not in a Retry.
    await sim.inject('THROTTLED', GENERATE_IMAGE, 3);
    const prompt = 'A lighthouse at dawn, flow scenario throttled';
    const result = await run(stack, image(prompt));

    assert.equal(result.status, 'SUCCEEDED');
    assert.deepEqual(result.entered.slice(0, 6), ['Submit', 'Wait', 'Poll', 'Outcome', 'Requeue', 'Submit']);
    assert.equal(result.events.filter((e) => e.type === 'StateRetried').length, 0, 'no Retry storm');
    const item = await stored(result);
    assert.equal(item.status, 'succeeded');
    const stats = await sim.stats();
    assert.equal(stats.acceptedByPrompt[prompt], 1, 'one generation started');
    assert.equal(stats.billedTicksByPrompt[prompt], 200000000, 'paid once');
  });

  test('jobs over the simulator\'s limit start a slot apart, without a 429', async () => {
    // xAI's limits on (video 1 a second): five videos at once are given slots a second apart. (One submit
    // environment here takes them in turn, each waiting for its near slot; the queued state is the test above's.)
    // A video first, without limits: the JVM's first call to xAI in a container goes out a few hundred
    // milliseconds after its slot (class loading), which a limit of one a second cannot absorb.
    await run(stack, video('A paper boat, warming the submit function'));
    const on = await fetch(`${stack.endpoints.xai}/sim/limits`, { method: 'POST', body: JSON.stringify({ on: true }) });
    assert.equal(on.status, 204);
    try {
      const before = (await sim.stats()).rateLimited?.[GENERATE_VIDEO] ?? 0;
      const results = await Promise.all([0, 1, 2, 3, 4].map((i) => run(stack, video(`A paper boat, queued ${i}`))));

      assert.deepEqual(results.map((r) => r.status), Array(5).fill('SUCCEEDED'));
      const stats = await sim.stats();
      assert.equal(stats.rateLimited?.[GENERATE_VIDEO] ?? 0, before, 'no generation request over the limit');
      for (let i = 0; i < 5; i++) assert.equal(stats.acceptedByPrompt[`A paper boat, queued ${i}`], 1);
      const starts = (await Promise.all(results.map(stored))).map((item) => Date.parse(item.submittedAt)).sort();
      for (let i = 1; i < starts.length; i++) assert.ok(starts[i] - starts[i - 1] >= 950, `starts ${starts} about a second apart`);
    } finally {
      await fetch(`${stack.endpoints.xai}/sim/limits`, { method: 'POST', body: JSON.stringify({ on: false }) });
    }
  });

  test('an invalid request is caught, recorded as failed with the broken rule, and never sent to xAI', async () => {
    const event = { ...image('A lighthouse at dawn, flow scenario invalid'), options: { aspect_ratio: '7:5' } };
    const before = (await sim.stats()).requestsByOperation[GENERATE_IMAGE] ?? 0;
    const result = await run(stack, event);

    const item = await failedRecord(result, 'failed', 'JobInvalid');
    assert.deepEqual(result.entered, ['Submit', 'SubmitRefused', 'RecordFailure', 'Recorded', 'JobFailed']);
    assert.match(item.error.message, /options\.aspect_ratio/);
    assert.equal((await sim.stats()).requestsByOperation[GENERATE_IMAGE] ?? 0, before, 'no call to xAI');
  });
});
