// Every example of infra/events, run end to end the way the local run runs it: each ends succeeded. The examples
// are independent jobs (no faults, each its own id), so they run four at a time, as executions do on AWS.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, example, run, startTestStack } from '../testing/support.mjs';

const EVENTS = path.join(ROOT, 'infra', 'events');
const files = (dir) => fs.readdirSync(path.join(EVENTS, dir)).filter((n) => n.endsWith('.json')).sort()
  .map((n) => path.join(dir, n));

describe('the example events', { concurrency: 4 }, () => {
  let stack;

  before(async () => {
    stack = await startTestStack({ environments: 2 });
  });
  after(() => stack?.stop());

  const operations = files('operations');
  const kinds = files('.');

  test('cover all seven operations and every event kind', () => {
    const covered = new Set(operations.map((f) => example(f).operation));
    assert.deepEqual([...covered].sort(), ['image_edit', 'image_generate', 'image_to_video', 'reference_to_video',
      'text_to_video', 'video_edit', 'video_extend']);
    assert.ok(kinds.length >= 10, `${kinds.length} event kinds`);
  });

  for (const file of [...operations, ...kinds]) {
    test(`${file} ends in a succeeded record`, async () => {
      const result = await run(stack, example(file));

      assert.equal(result.status, 'SUCCEEDED', `${result.error}: ${result.cause}`);
      const item = await stack.stored(result.jobId);
      assert.equal(item.status, 'succeeded');
      assert.ok(item.outputs.length >= 1);
      // Each output in the local bucket, at the key of its job and index, as a HEAD found it.
      for (const [i, output] of item.outputs.entries()) {
        assert.equal(output.s3?.bucket, 'imagine-outputs', `${file}: output ${i} not delivered`);
        assert.match(output.s3.key, new RegExp(`^outputs/${item.jobId}/${i}\\.(jpg|png|mp4)$`));
        assert.ok(output.s3.bytes > 0);
        assert.ok(['xai_upload', 'copied'].includes(output.deliveredBy));
      }
    });
  }

  test('a stored output chains into the next job by its file_id, with no download and no upload', async () => {
    const first = await run(stack, { ...example('operations/image-generate.json'), prompt: 'A lighthouse, chained' });
    const fileId = first.record.outputs[0].fileId;
    assert.match(fileId, /^file_/);

    const second = await run(stack, {
      operation: 'image_to_video',
      prompt: 'The lighthouse beam sweeps the sea',
      inputs: { image: { file_id: fileId } },
      options: { duration: 3 },
    });

    assert.equal(second.status, 'SUCCEEDED');
    assert.equal((await stack.stored(second.jobId)).status, 'succeeded');
  });
});
