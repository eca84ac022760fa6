// infra/local/serve as the README walks through it: the command's first line, then each route over HTTP, a video
// cancelled, and signed webhooks received and checked with the Standard Webhooks reference library.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { after, before, test } from 'node:test';
import { LOCAL_WEBHOOK_SECRET } from '../lib/environment.mjs';
import { startReceiver } from '../lib/webhook-receiver.mjs';
import { example, ROOT } from '../testing/support.mjs';

let server;
let api;
let receiver;
const deliveries = [];

before(async () => {
  receiver = await startReceiver({ secret: LOCAL_WEBHOOK_SECRET, onDelivery: (d) => deliveries.push(d) });
  // A video takes 18 s at this scale: polled while running even when the machine is busy.
  server = spawn(process.execPath, [path.join(ROOT, 'infra', 'local', 'serve.mjs'), '--port', '0', '--time-scale', '0.3',
    '--out', fs.mkdtempSync(path.join(os.tmpdir(), 'imagine-flow-serve-'))],
  { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, IMAGINE_LOCAL_RUNTIME: undefined } });
  const lines = readline.createInterface({ input: server.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    server.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening`)));
  });
  assert.match(first, /^listening on http:\/\/127\.0\.0\.1:\d+$/, 'the first line says where');
  api = first.replace('listening on ', '');
}, { timeout: 240_000 });

after(async () => {
  server?.kill('SIGTERM');
  await new Promise((resolve) => (server?.exitCode !== null ? resolve() : server.once('exit', resolve)));
  await receiver?.close();
});

async function call(method, route, body) {
  const response = await fetch(`${api}${route}`, { method, headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: response.status, body: await response.json() };
}

async function until(jobId, done, timeoutMs = 60_000) {
  const seen = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await call('GET', `/jobs/${jobId}`);
    seen.push(body);
    if (done(body)) return seen;
    if (Date.now() > deadline) throw new Error(`job ${jobId}: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('a job started over HTTP moves through its progress to its outputs, and its webhooks arrive signed', async () => {
  const request = { ...example('operations/text-to-video.json'),
    webhook: { url: `${receiver.url}/imagine`, events: ['completed', 'progress'] } };
  const started = await call('POST', '/jobs', request);
  assert.equal(started.status, 202);
  const { jobId } = started.body;

  const seen = await until(jobId, (job) => job.status === 'succeeded');

  const progress = seen.map((job) => job.progress).filter((p) => p !== undefined);
  assert.ok(progress.some((p) => p > 0 && p < 100), `progress seen while running: ${progress}`);
  assert.ok(seen.some((job) => job.status === 'running' && job.estimatedCompletionAt), 'an estimate while running');
  const done = seen.at(-1);
  assert.equal(done.progress, 100);
  assert.ok(done.outputs[0].downloadUrl, 'a presigned GET URL of the delivered video');
  const video = await fetch(done.outputs[0].downloadUrl);
  assert.equal(video.status, 200);
  assert.equal(video.headers.get('content-type'), 'video/mp4');

  await until(jobId, (job) => job.webhookDelivery?.deliveredAt);
  const mine = deliveries.filter((d) => d.jobId === jobId);
  assert.ok(mine.every((d) => d.verified), 'every delivery carries a valid signature');
  assert.ok(mine.some((d) => d.webhookId === `${jobId}-completed` && d.status === 'succeeded'));
  assert.ok(mine.some((d) => d.webhookId.startsWith(`${jobId}-progress-`)), 'progress webhooks too');
});

test('jobs are listed newest first, and a running video is cancelled', async () => {
  const image = await call('POST', '/jobs', example('operations/image-generate.json'));
  const video = await call('POST', '/jobs', { ...example('operations/text-to-video.json'), prompt: 'A heron, to cancel' });
  assert.equal(video.status, 202);

  await until(video.body.jobId, (job) => job.status === 'running');
  const cancelled = await call('POST', `/jobs/${video.body.jobId}/cancel`);
  assert.equal(cancelled.status, 200);
  assert.equal(cancelled.body.status, 'cancelled');
  assert.equal(cancelled.body.cancel.xaiAccepted, true, 'xAI had taken it: it is billed');
  const again = await call('POST', `/jobs/${video.body.jobId}/cancel`);
  assert.equal(again.status, 200, 'cancel again: the same answer');

  await until(image.body.jobId, (job) => job.status === 'succeeded');
  const tooLate = await call('POST', `/jobs/${image.body.jobId}/cancel`);
  assert.equal(tooLate.status, 409);
  assert.equal(tooLate.body.status, 'succeeded');

  const listed = await call('GET', '/jobs?limit=2');
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.body.jobs.map((j) => j.jobId), [video.body.jobId, image.body.jobId]);
  const cancelledOnly = await call('GET', '/jobs?status=cancelled');
  assert.ok(cancelledOnly.body.jobs.every((j) => j.status === 'cancelled'));
  assert.ok(cancelledOnly.body.jobs.some((j) => j.jobId === video.body.jobId));
});

test('bad requests name their fields; unknown jobs and routes are 404', async () => {
  const bad = await call('GET', '/jobs?limit=500&status=done');
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.violations.map((v) => v.field), ['status', 'limit']);
  assert.equal((await call('GET', '/jobs/api-nosuchjob')).status, 404);
  assert.equal((await call('GET', '/things')).status, 404);
  const unsafe = await call('POST', '/jobs', { ...example('operations/image-generate.json'),
    webhook: { url: 'http://169.254.169.254/latest/meta-data/' } });
  assert.equal(unsafe.status, 400);
  assert.ok(unsafe.body.violations.some((v) => v.field === 'body.webhook.url'), JSON.stringify(unsafe.body));
});
