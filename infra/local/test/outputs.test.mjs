// The local run's output writer: a record is data from the outside, and whatever names it carries, nothing is
// written outside <root>/<job id>/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { saveOutputs } from '../lib/outputs.mjs';

function listAll(dir) {
  return fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
}

async function withServer(fn) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(Buffer.from('not really a png'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await fn(`http://127.0.0.1:${server.address().port}`);
  } finally {
    server.close();
  }
}

test('outputs named ../../x land inside the job folder, by index', async () => {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'outputs-'));
  const root = path.join(top, 'a', 'out');
  await withServer(async (base) => {
    const record = {
      jobId: 'req-0123456789abcdef0123456789abcdef',
      status: 'succeeded',
      outputs: [
        { url: `${base}/one.png`, mediaType: 'image/png', filename: '../../x' },
        { url: `${base}/two.png`, mediaType: '../../x', filename: '/etc/x' },
      ],
    };
    const saved = await saveOutputs(record, root, { xaiBaseUrl: base, xaiApiKey: 'k' });
    const folder = path.join(root, record.jobId);
    assert.deepEqual(saved, [path.join(folder, '0.png'), path.join(folder, '1.bin')]);
    for (const file of listAll(top)) {
      assert.ok(file.startsWith(folder + path.sep), `${file} is outside ${folder}`);
    }
  });
  fs.rmSync(top, { recursive: true, force: true });
});

test('a record whose job id walks a path is refused before anything is written', async () => {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'outputs-'));
  const root = path.join(top, 'out');
  for (const jobId of ['../../x', '..', 'a/../../x', '/abs', '', null, 'a\\..\\x']) {
    await assert.rejects(saveOutputs({ jobId, outputs: [] }, root, {}), /is not a job id/);
  }
  assert.deepEqual(listAll(top), []);
  fs.rmSync(top, { recursive: true, force: true });
});
