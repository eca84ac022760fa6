// The reliability soak: many jobs of all seven operations through the real state machine and the real function
// artifact, with the xAI simulator injecting faults into a share of its calls, every event delivered twice (a
// share of them at the same time), and the submits that xAI has answered into a stall killed before they can
// write their record. Every job asks for its completed webhook, to a receiver that fails a share of the deliveries.
// Then every job is checked: one terminal record, its paid generations, its cost against what the simulator
// billed, its webhook received, and the key nowhere in what the functions printed or stored.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanTable } from '../lib/dynamodb.mjs';
import { projectRoot } from '../lib/artifact.mjs';
import { LOCAL_WEBHOOK_SECRET, TABLE } from '../lib/environment.mjs';
import { startStack } from '../lib/stack.mjs';
import { startReceiver } from '../lib/webhook-receiver.mjs';

export const OPERATIONS = ['image-generate', 'image-edit', 'image-edit-several', 'text-to-video', 'image-to-video',
  'reference-to-video', 'video-edit', 'video-extend'];
const ENVELOPES = ['request', 'eventbridge', 'sqs', 'cloudevent', 'pipes'];
const TERMINAL = new Set(['succeeded', 'failed']);

/** Options: see bench/soak --help. Resolves with the figures and the list of problems (empty when it passed). */
export async function soak({ jobs = 2000, faultRate = 0.2, seed = 1, concurrentShare = 0.3, inFlight = 48,
  environments = 3, timeScale = 0.02, runtime = 'auto', logDir, forcedStalls = 0, webhookFailRate = 0.3,
  log = () => {} } = {}) {
  const root = projectRoot();
  logDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'imagine-flow-soak-'));
  // A key made for this run, so that finding it anywhere can only mean the functions let it out.
  const apiKey = `xai-soak-${randomBytes(18).toString('hex')}`;
  const started = performance.now();
  // Every job asks for its completed webhook, to a receiver that answers `webhookFailRate` of the deliveries 500.
  const receiver = await startReceiver({ secret: LOCAL_WEBHOOK_SECRET, failRate: webhookFailRate,
    random: seededRandom(seed) });
  const stack = await startStack({
    runtime, logDir, environments, imageReadyMs: 150, videoReadyMs: 400,
    // The simulator takes this key and no other, so every call the functions make carries it: finding it
    // nowhere else means it did not leak. A slow or stalled answer outlasts the client's wait (2 s) by a second.
    simulatorOptions: { rate: faultRate, seed, slowResponseMs: 3000, apiKey },
    functionEnv: { XAI_API_KEY: apiKey, QUARKUS_REST_CLIENT_XAI_READ_TIMEOUT: '2000',
      // The soak's simulator has no rate limits (its 429s are injected faults, retried as without a governor), and
      // its waits are scaled: the governor's real-time start slots are bench/load's subject, not this one's.
      IMAGINE_JOB_RATE_ENABLED: 'false',
      // Deadlines at the run's time scale, as its waits are: a job recovered from the bucket whose output never
      // comes (xAI never took it) gives up after its scaled deadline instead of half an hour.
      // The floors leave a submit killed in a busy run (a machine shared with a build, say) the time to be
      // followed on: a deadline is counted from the job's receipt, and the kill comes after xAI's (held) answer.
      IMAGINE_JOB_POLL_IMAGE_DEADLINE: `PT${Math.max(20, Math.round(600 * timeScale))}S`,
      IMAGINE_JOB_POLL_VIDEO_DEADLINE: `PT${Math.max(30, Math.round(1800 * timeScale))}S` },
    log,
    warm: ['submit', 'poll', 'finalize', 'webhook'],
    // The webhook machine's retries at the run's time scale too (30 s becomes 0.6 s at 0.02).
    timeScale,
  });
  const sim = simulatorControl(stack.endpoints.xai);
  const keySeen = [];
  const scan = (where, text) => {
    if (typeof text === 'string' && text.includes(apiKey)) keySeen.push(where);
  };
  try {
    if (forcedStalls > 0) await sim.schedule('STALLED_AFTER_ACCEPT', forcedStalls);
    const plan = Array.from({ length: jobs }, (_, i) => planJob(root, i, seed, `${receiver.url}/soak`));
    const byPrompt = new Map(plan.map((job) => [job.prompt, job]));
    const killer = killStalledSubmits(stack, sim, byPrompt);
    const executions = await deliverAll(stack, plan, { concurrentShare, inFlight, timeScale, scan, log });
    await killer.stop();
    // The webhooks still being retried: the soak waits for every one to be delivered or given up.
    await stack.stepFunctions.idle();
    const webhookExecutions = stack.stepFunctions.executions(stack.machines.webhook);
    const stats = await sim.stats();
    const everything = await scanTable(stack.endpoints.dynamodb, TABLE);
    for (const item of everything) scan(`the job table (${item.id})`, JSON.stringify(item));
    // The table also remembers S3 inputs uploaded to xAI Files (upload-...): not job records.
    const items = everything.filter((item) => !item.id.startsWith('upload-'));
    for (const file of Object.values(stack.functions).flatMap((f) => f.logFiles).filter((f) => fs.existsSync(f))) {
      const text = fs.readFileSync(file, 'utf8');
      scan(`the log ${path.basename(file)}`, text);
      // Every soak prompt ends in its "[soak seed/i]" mark: none may reach a log or metric line.
      if (/\[soak [^\]/]+\/\d+\]/.test(text)) keySeen.push(`a prompt, in the log ${path.basename(file)}`);
    }
    const figures = judge({ plan, items, stats, executions, killed: killer.killed, keySeen });
    figures.webhooks = judgeWebhooks({ items, receiver, webhookExecutions, problems: figures.problems });
    figures.passed = figures.problems.length === 0;
    figures.uploadsRemembered = everything.length - items.length;
    return { ...figures, seconds: (performance.now() - started) / 1000, logDir,
      settings: { jobs, faultRate, seed, concurrentShare, inFlight, environments, timeScale, webhookFailRate } };
  } finally {
    await stack.stop();
    await receiver.close();
  }
}

/**
 * Webhooks: every job with a final record must have its completed webhook taken by the receiver (verified) at
 * least once, whatever share of the deliveries the receiver failed; a webhook id taken more than once is a repeat
 * that a receiver drops by its id (a delivery whose 2xx was lost, or two finalizes of one job racing).
 */
function judgeWebhooks({ items, receiver, webhookExecutions, problems }) {
  const ended = items.filter((item) => TERMINAL.has(item.status));
  let lost = 0;
  let recorded = 0;
  for (const item of ended) {
    const id = `${item.jobId}-completed`;
    if (!receiver.seen.has(id)) {
      lost += 1;
      problems.push(`job ${item.jobId} (${item.status}): its completed webhook never arrived`);
    }
    if (item.webhookDelivery?.deliveredAt) recorded += 1;
  }
  const statuses = count(webhookExecutions.map((e) => e.status));
  if (statuses.FAILED) problems.push(`${statuses.FAILED} webhook deliveries given up`);
  return { jobsEnded: ended.length, delivered: ended.length - lost, lost, recordedDelivered: recorded,
    receiverFailed: receiver.failed, received: receiver.seen.size, executions: statuses };
}

/** A small deterministic generator (mulberry32), so that a seed fails the same deliveries again. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Job i: an operation example in one of the envelopes, with a prompt no other job has. */
function planJob(root, i, seed, webhookUrl) {
  const operation = OPERATIONS[i % OPERATIONS.length];
  const request = JSON.parse(fs.readFileSync(path.join(root, 'infra', 'events', 'operations', `${operation}.json`), 'utf8'));
  request.prompt = `${request.prompt} [soak ${seed}/${i}]`;
  request.webhook = { url: webhookUrl, events: ['completed'] };
  if (operation === 'image-edit' && i % 3 === 0) {
    // An S3 input: uploaded to xAI Files once, then reused by every other job that names it.
    request.inputs = { image: { s3: { bucket: 'imagine-inputs', key: 'photos/harbour.png' } } };
  }
  const envelope = ENVELOPES[Math.floor(i / OPERATIONS.length) % ENVELOPES.length];
  return { index: i, operation, envelope, prompt: request.prompt, event: wrap(envelope, request, `${seed}-${i}`) };
}

function wrap(envelope, request, id) {
  const eventBridge = { version: '0', id: `soak-${id}`, 'detail-type': 'Imagine Job Requested', source: 'soak',
    account: '000000000000', time: new Date(0).toISOString(), region: 'us-east-1', resources: [], detail: request };
  const sqsRecord = (body) => ({ messageId: `soak-${id}`, receiptHandle: 'soak', body: JSON.stringify(body),
    attributes: {}, messageAttributes: {}, eventSource: 'aws:sqs', awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:imagine-jobs' });
  switch (envelope) {
    case 'eventbridge': return eventBridge;
    case 'sqs': return { Records: [sqsRecord(request)] };
    case 'pipes': return [sqsRecord(eventBridge)];
    case 'cloudevent': return { specversion: '1.0', id: `soak-${id}`, source: 'soak', type: 'imagine.job.requested',
      datacontenttype: 'application/json', data: request };
    default: return { ...request, idempotency_key: `soak-${id}` };
  }
}

/**
 * Two executions of every event, as an at-least-once source delivers: both at once for `concurrentShare` of
 * the jobs, else the second after the first has ended. At most `inFlight` executions run at a time.
 */
async function deliverAll(stack, plan, { concurrentShare, inFlight, timeScale, scan, log }) {
  const executions = [];
  let next = 0;
  let done = 0;
  const runOne = async (job, delivery) => {
    const result = await stack.run(job.event, {
      timeScale,
      onEvent: (e) => scan(`state ${e.state?.name ?? e.type} of job ${job.index}`, JSON.stringify(e)),
    }).catch((e) => ({ status: 'CRASHED', error: e.name, cause: e.message }));
    scan(`the execution of job ${job.index}`, JSON.stringify(result));
    executions.push({ job: job.index, delivery, status: result.status, error: result.error ?? null,
      jobId: result.jobId ?? result.record?.jobId ?? null });
  };
  const worker = async () => {
    while (next < plan.length) {
      const job = plan[next++];
      const together = (job.index * 0.6180339887) % 1 < concurrentShare;
      if (together) {
        await Promise.all([runOne(job, 1), runOne(job, 2)]);
      } else {
        await runOne(job, 1);
        await runOne(job, 2);
      }
      done += 1;
      if (done % 250 === 0) log(`${done} of ${plan.length} jobs delivered twice`);
    }
  };
  // Each worker carries one job (two executions when concurrent) at a time.
  await Promise.all(Array.from({ length: Math.max(1, Math.floor(inFlight / 2)) }, worker));
  return executions;
}

/**
 * Watches the simulator's stalled starts: xAI has accepted (and will bill) the job, and the submit waits for
 * the answer. The submit environment running that job is killed then, as a crash or a timeout would.
 */
function killStalledSubmits(stack, sim, byPrompt) {
  const killed = new Map();
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      const { prompts } = await sim.stalled().catch(() => ({ prompts: [] }));
      for (const prompt of prompts) {
        const job = byPrompt.get(prompt);
        if (!job) continue;
        const events = JSON.stringify(job.event);
        const count = stack.functions.submit.killRunning((payload) => JSON.stringify(payload) === events);
        killed.set(job.index, (killed.get(job.index) ?? 0) + count);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return { killed, async stop() { stopping = true; await loop; } };
}

/** The verdict: per job, its record, its paid generations and its cost against the simulator's ledger. */
function judge({ plan, items, stats, executions, killed, keySeen }) {
  const byId = new Map(items.map((item) => [item.jobId, item]));
  const problems = [];
  const outcomes = {};
  const byOperation = {};
  const crashWindow = { killed: 0, recordedAs: {}, paid: 0, billedUnrecordedTicks: 0 };
  const answerLost = { jobs: 0, accepted: 0 };
  // Delivery to S3: how each output got there, jobs recovered from the bucket after their answer was lost (cost
  // unknown, so not compared), and paid results lost (billed, not moderated, and no output in the record).
  const delivery = { byArrival: {}, outputs: 0, copiedBytes: 0, directPathBytes: 0, recovered: 0, costUnknownJobs: 0,
    costUnknownBilledTicks: 0, paidResultsLost: 0 };
  let lost = 0;
  let duplicatesPaid = 0;
  let costMismatches = 0;
  let recordedTicks = 0;
  const jobIds = new Set();
  for (const job of plan) {
    const runs = executions.filter((e) => e.job === job.index);
    const ids = new Set(runs.map((e) => e.jobId).filter(Boolean));
    const record = [...ids].map((id) => byId.get(id)).find(Boolean);
    if (ids.size > 1) problems.push(`job ${job.index}: its deliveries named ${ids.size} different jobs`);
    runs.filter((e) => e.status === 'CRASHED').forEach((e) => problems.push(`job ${job.index}: the executor failed: ${e.error}`));
    byOperation[job.operation] = (byOperation[job.operation] ?? 0) + 1;
    if (!record || !TERMINAL.has(record.status)) {
      lost += 1;
      problems.push(`job ${job.index} (${job.operation}, ${job.envelope}): ${record ? `left ${record.status}` : 'no record'}`);
      continue;
    }
    jobIds.add(record.jobId);
    const key = record.status === 'succeeded' ? 'succeeded' : `failed: ${record.error?.code}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
    const accepted = stats.acceptedByPrompt[job.prompt] ?? 0;
    const billed = stats.billedTicksByPrompt[job.prompt] ?? 0;
    const recorded = record.cost?.usdTicks ?? 0;
    recordedTicks += recorded;
    if (accepted > 1) {
      duplicatesPaid += 1;
      problems.push(`job ${job.index}: ${accepted} generations started at xAI`);
    }
    for (const output of record.status === 'succeeded' ? record.outputs ?? [] : []) {
      delivery.outputs += 1;
      const arrival = output.deliveredBy ?? 'not delivered';
      delivery.byArrival[arrival] = (delivery.byArrival[arrival] ?? 0) + 1;
      if (arrival === 'copied') delivery.copiedBytes += output.s3?.bytes ?? 0;
      // What the functions downloaded of this output from xAI's URL: none, when xAI uploaded it itself.
      const served = output.url ? stats.mediaServedByPath[new URL(output.url).pathname] ?? 0 : 0;
      if (arrival === 'xai_upload') delivery.directPathBytes += served;
    }
    if (record.recovered) delivery.recovered += 1;
    if (billed > 0 && !(record.outputs?.length) && record.outcome !== 'moderated') {
      delivery.paidResultsLost += 1;
      problems.push(`job ${job.index} (${job.operation}, ${key}): billed ${billed} ticks, and its record holds no output`);
    }
    if (record.costKnown === false) {
      // Recovered from the bucket: xAI's answer, and so the cost, never arrived; the record says so.
      delivery.costUnknownJobs += 1;
      delivery.costUnknownBilledTicks += billed;
    } else if (recorded !== billed) {
      costMismatches += 1;
      problems.push(`job ${job.index} (${job.operation}, ${key}, polled ${record.polls}): recorded ${recorded} ticks, the simulator billed ${billed}`);
    }
    if (killed.get(job.index)) {
      crashWindow.killed += 1;
      crashWindow.paid += accepted;
      crashWindow.recordedAs[record.error?.code ?? record.status] = (crashWindow.recordedAs[record.error?.code ?? record.status] ?? 0) + 1;
      crashWindow.billedUnrecordedTicks += billed - recorded;
    } else if (record.error?.code === 'XaiOutcomeUnknown') {
      answerLost.jobs += 1;
      answerLost.accepted += accepted;
    }
  }
  if (delivery.directPathBytes > 0) {
    problems.push(`${delivery.directPathBytes} bytes of outputs that xAI uploaded itself passed through a function`);
  }
  const strays = items.filter((item) => !jobIds.has(item.jobId));
  strays.forEach((item) => problems.push(`a record for no job of the soak: ${item.id} (${item.status})`));
  if (keySeen.length > 0) problems.push(`the xAI key was found in ${[...new Set(keySeen)].join(', ')}`);
  const calls = Object.values(stats.requestsByOperation).reduce((a, b) => a + b, 0);
  const faults = Object.values(stats.faultsInjected).reduce((a, b) => a + b, 0);
  return {
    passed: problems.length === 0,
    problems,
    jobs: plan.length,
    executions: executions.length,
    executionStatuses: count(executions.map((e) => e.status === 'FAILED' ? `FAILED (${e.error})` : e.status)),
    byOperation,
    records: items.length,
    outcomes,
    lost,
    duplicatesPaid,
    costMismatches,
    recordedTicks,
    billedTicks: stats.billedTicks,
    // What was billed for jobs whose record knows its cost: what the recorded costs must add up to.
    billedKnownTicks: stats.billedTicks - delivery.costUnknownBilledTicks,
    xaiCalls: calls,
    xaiCallsByOperation: stats.requestsByOperation,
    faults,
    faultsByKind: stats.faultsInjected,
    crashWindow,
    answerLost,
    // servedBytes: all the functions downloaded from xAI's URLs: the copies, and a copy made twice when both
    // deliveries of an event finalized at the same moment (the record keeps one).
    delivery: { ...delivery, servedBytes: stats.mediaServedBytes, uploads: stats.uploads },
    keyFoundIn: [...new Set(keySeen)],
  };
}

function count(values) {
  const counts = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

function simulatorControl(base) {
  return {
    async stats() {
      return (await fetch(`${base}/sim/stats`)).json();
    },
    async stalled() {
      return (await fetch(`${base}/sim/stalled`)).json();
    },
    async schedule(fault, times) {
      const response = await fetch(`${base}/sim/faults`, { method: 'POST', body: JSON.stringify({ fault, times }) });
      if (response.status !== 204) throw new Error(`fault not scheduled: ${response.status}`);
    },
  };
}
