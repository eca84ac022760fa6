// The load benchmark's command: N jobs arriving at once through the real functions and state machine on loopback,
// against the simulator with xAI's per-model limits on, in three variants measured in one run: the rate governor
// with the adaptive poll schedule (the product), the same without the governor, and a plain fixed-5-second-poll
// state machine without it (the design the governor and the schedule replace). Each variant runs with status polls
// counted against the limits and without (xAI does not say which). Writes bench/LOAD.md; prints one JSON line last.
import '../infra/local/lib/polyfill.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { functionCommand, prerequisitesMet, projectRoot } from '../infra/local/lib/artifact.mjs';
import { numberOption, UsageError } from '../infra/local/lib/cli.mjs';
import { startStack } from '../infra/local/lib/stack.mjs';
import { dynamoCounter } from './dynamo-counter.mjs';

const USAGE = `usage: bench/load [options]
  --jobs N             jobs arriving at once (default 500)
  --videos N           of which text-to-video jobs; the others are image jobs (default 200)
  --variants LIST      governor, ungoverned, fixed-5s, comma-separated (default: all three)
  --polls MODE         counted, free or both: whether status polls count against xAI's limits (default both)
  --image-rps R        the simulator's (xAI's) image limit, requests a second (default 5)
  --video-rps R        the simulator's video limit (default 1)
  --image-ready-ms N   how long the simulator takes for an image (default 8000: the poll schedule's median)
  --video-ready-ms N   how long it takes for a 5 s video (default 45000: the schedule's median for one)
  --runtime R          auto (native when built, else jvm), jvm or native
  --out FILE           the report (default bench/LOAD.md)`;

// AWS list prices, us-east-1, as published on AWS's pricing pages: Lambda (x86, per GB-second and per request) and
// Step Functions Standard (per state transition) unchanged since 2020; DynamoDB on-demand since its price cut of
// 2024-11-01. The report states them and their date.
const PRICES = {
  date: '2024-11-01',
  lambdaGbSecond: 0.0000166667,
  lambdaRequest: 0.2 / 1e6,
  stateTransition: 0.025 / 1000,
  dynamoWriteUnit: 0.625 / 1e6,
  dynamoReadUnit: 0.125 / 1e6,
};

const GENERATIONS = ['handle_generate_image_request', 'handle_generate_video_request'];
const POLLS = ['handle_get_deferred_image_request', 'handle_get_deferred_video_request'];
const FUNCTIONS = ['submit', 'poll', 'finalize'];

/** Lambda's memory size of the deployed functions (the template's default, native), read from the template. */
function lambdaMemoryMb(root) {
  const sizes = /^\s*MemorySize: !If \[IsNative, (\d+), (\d+)\]/m.exec(fs.readFileSync(path.join(root, 'infra', 'template.yaml'), 'utf8'));
  if (!sizes) throw new Error('infra/template.yaml no longer sets MemorySize as !If [IsNative, native, jvm]');
  return { native: Number(sizes[1]), jvm: Number(sizes[2]) };
}

/** The plain design: every Wait 5 s, whatever the job state asks. */
function fixedPolls(definition) {
  const wait = definition.States.Wait;
  delete wait.SecondsPath;
  wait.Seconds = 5;
  return definition;
}

const VARIANTS = {
  governor: { label: 'governor + adaptive polls', env: {}, machine: (d) => d },
  ungoverned: { label: 'no governor, adaptive polls', env: { IMAGINE_JOB_RATE_ENABLED: 'false' }, machine: (d) => d },
  'fixed-5s': { label: 'no governor, fixed 5 s polls', env: { IMAGINE_JOB_RATE_ENABLED: 'false' }, machine: fixedPolls },
};

const sum = (values) => values.reduce((a, b) => a + b, 0);

async function simulatorCall(stack, route, body) {
  const answer = await fetch(`${stack.endpoints.xai}${route}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  if (!answer.ok) throw new Error(`simulator ${route}: ${answer.status}`);
  return answer.status === 204 ? null : answer.json();
}

async function runVariant(name, settings, root, log) {
  const variant = VARIANTS[name];
  const dynamo = await dynamoCounter();
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), `imagine-load-${name}-`));
  const stack = await startStack({
    runtime: settings.runtime,
    imageReadyMs: settings.imageReadyMs,
    videoReadyMs: settings.videoReadyMs,
    // Lambda runs as many environments as there are invocations; here a pool per function, sized for the load:
    // a governed submit waits up to the lead (3 s) for its slot inside its invocation, so many run at once.
    environments: { submit: 24, poll: 4, finalize: 2 },
    functionEnv: { IMAGINE_AWS_DYNAMODB_ENDPOINT_OVERRIDE: dynamo.url, ...variant.env },
    jobMachine: variant.machine,
    logDir,
    log,
  });
  await dynamo.setTarget(stack.endpoints.dynamodb);
  // Lambda bills each invocation's own duration: measured around each environment's invocation.
  const invocations = Object.fromEntries(FUNCTIONS.map((f) => [f, []]));
  for (const f of FUNCTIONS) {
    for (const environment of stack.functions[f].environments) {
      const invoke = environment.invoke.bind(environment);
      environment.invoke = async (payload) => {
        const start = performance.now();
        try {
          return await invoke(payload);
        } finally {
          invocations[f].push(performance.now() - start);
        }
      };
    }
  }
  try {
    // Warm-up, limits off: each environment's first call to xAI on the JVM loads classes for a few hundred
    // milliseconds, which no pacing absorbs at one request a second (native and SnapStart-primed functions do
    // not pay it). Not measured.
    log(`${name}: warming up`);
    await Promise.all(Array.from({ length: 12 }, (_, i) => stack.run(
      { operation: i % 2 ? 'text_to_video' : 'image_generate', prompt: `warm-up ${i}`, ...(i % 2 ? { options: { duration: 2 } } : {}) })));
    const results = {};
    for (const polls of settings.polls) {
      await simulatorCall(stack, '/sim/reset', {});
      await simulatorCall(stack, '/sim/limits', {
        on: true, image: settings.imageRps, video: settings.videoRps, countPolls: polls === 'counted' });
      await dynamo.reset();
      FUNCTIONS.forEach((f) => { invocations[f] = []; });
      let transitions = 0;
      const jobs = Array.from({ length: settings.jobs }, (_, i) => (i < settings.videos
        ? { operation: 'text_to_video', prompt: `load ${polls} video ${i}`, options: { duration: 5 } }
        : { operation: 'image_generate', prompt: `load ${polls} image ${i}` }));
      log(`${name}, polls ${polls}: ${settings.jobs} jobs at once`);
      const started = performance.now();
      const ends = [];
      const outcomes = await Promise.all(jobs.map((event) => stack.run(event, {
        onEvent: (e) => { if (e.type === 'StateEntered' || e.type === 'StateRetried') transitions += 1; },
      }).then((r) => { ends.push(performance.now()); return r; })));
      const makespan = (Math.max(...ends) - started) / 1000;
      const stats = await simulatorCall(stack, '/sim/stats');
      const dynamoCounts = await dynamo.counts();
      const limited = stats.rateLimited ?? {};
      const n = settings.jobs;
      const memory = lambdaMemoryMb(root).native / 1024;
      const durations = FUNCTIONS.flatMap((f) => invocations[f]);
      const gbSeconds = sum(durations.map((ms) => Math.ceil(ms) / 1000 * memory));
      const perJob = {
        invocations: durations.length / n,
        byFunction: Object.fromEntries(FUNCTIONS.map((f) => [f, invocations[f].length / n])),
        gbSeconds: gbSeconds / n,
        transitions: transitions / n,
        readUnits: dynamoCounts.readUnits / n,
        writeUnits: dynamoCounts.writeUnits / n,
        dynamoRequests: sum(Object.values(dynamoCounts.requests)) / n,
      };
      const costPerJob = perJob.invocations * PRICES.lambdaRequest + perJob.gbSeconds * PRICES.lambdaGbSecond
        + perJob.transitions * PRICES.stateTransition + perJob.readUnits * PRICES.dynamoReadUnit
        + perJob.writeUnits * PRICES.dynamoWriteUnit;
      const ideal = Math.max(settings.videos / settings.videoRps, (n - settings.videos) / settings.imageRps);
      results[polls] = {
        succeeded: outcomes.filter((o) => o.record?.status === 'succeeded').length,
        failed: outcomes.filter((o) => o.record?.status !== 'succeeded').length,
        failures: Object.entries(outcomes.filter((o) => o.record?.status !== 'succeeded')
          .map((o) => o.record?.error?.code ?? o.error ?? 'no record')
          .reduce((m, code) => ({ ...m, [code]: (m[code] ?? 0) + 1 }), {})),
        generation429: sum(GENERATIONS.map((op) => limited[op] ?? 0)),
        poll429: sum(POLLS.map((op) => limited[op] ?? 0)),
        generationRequests: sum(GENERATIONS.map((op) => stats.requestsByOperation[op] ?? 0)),
        pollRequests: sum(POLLS.map((op) => stats.requestsByOperation[op] ?? 0)),
        paidTwice: Object.values(stats.acceptedByPrompt).filter((count) => count > 1).length,
        makespan,
        ideal,
        perJob,
        costPer1000: costPerJob * 1000,
        dynamoRequests: dynamoCounts.requests,
      };
      log(`${name}, polls ${polls}: makespan ${makespan.toFixed(1)} s (ideal ${ideal} s), `
        + `${results[polls].generation429} 429s on generation requests, ${results[polls].failed} failed, `
        + `$${results[polls].costPer1000.toFixed(4)} per 1,000 jobs`);
    }
    return { name, label: variant.label, results };
  } finally {
    await stack.stop();
    await dynamo.close();
  }
}

function report(out, all, settings, { started, machine, command, memory, runtime }) {
  const f = (v, d = 2) => v.toFixed(d);
  const governor = all.find((v) => v.name === 'governor');
  const fixed = all.find((v) => v.name === 'fixed-5s');
  const lines = [
    '# Load: 500 jobs at once under xAI\'s rate limits',
    '',
    `Written by \`${command}\` on ${started.toISOString().slice(0, 10)} (${machine}). Every figure below comes from this`
      + ' one run; rerun the command to regenerate it.',
    '',
    `${settings.jobs} jobs arrive at once (${settings.videos} text-to-video, ${settings.jobs - settings.videos} image`
      + ' generations) through the real functions (the ' + (runtime === 'native' ? 'native executable' : 'JVM jar')
      + ' behind the Lambda Runtime API emulator: 24 submit, 6 poll and 3 finalize environments) and the'
      + ' job state machine run by aws-local-stepfunctions, against DynamoDB Local and the xAI simulator with xAI\'s'
      + ` per-model limits on: ${settings.videoRps} video and ${settings.imageRps} image generation requests a second,`
      + ' a token bucket holding one second of each, answering 429 with Retry-After beyond. The simulator takes'
      + ` ${settings.imageReadyMs / 1000} s for an image and ${settings.videoReadyMs / 1000} s for a video (the poll`
      + ' schedule\'s medians). Each variant runs twice: with status polls counted against the limits and without'
      + ' (xAI does not document which). A warm-up of 12 jobs, limits off, comes first in each variant and is not'
      + ' measured (on the JVM, an environment\'s first call to xAI goes out a few hundred milliseconds late while'
      + ' classes load).',
    '',
    '- **governor + adaptive polls**: the product (docs/rate-limits.md, docs/polling.md).',
    '- **no governor, adaptive polls**: `imagine.job.rate.enabled=false`: every submit calls xAI at once, a 429 is'
      + ' retried in the call (Retry-After) and then by the state machine\'s Retry.',
    '- **no governor, fixed 5 s polls**: the same, and the job machine\'s Wait is 5 s whatever the job state asks: the'
      + ' plain design this issue\'s work replaces.',
    '',
    '## Goals',
    '',
  ];
  for (const polls of settings.polls) {
    if (!governor) break;
    const g = governor.results[polls];
    lines.push(`- polls ${polls}: 429s on generation requests with the governor: ${g.generation429} (goal 0): `
      + `**${g.generation429 === 0 ? 'met' : 'missed'}**.`);
    lines.push(`- polls ${polls}: makespan ${f(g.makespan, 1)} s against the ideal ${g.ideal} s`
      + ` (${settings.videos} / ${settings.videoRps} and ${settings.jobs - settings.videos} / ${settings.imageRps},`
      + ` the larger): ${f(g.makespan / g.ideal)}× (goal ≤ 1.1×): **${g.makespan / g.ideal <= 1.1 ? 'met' : 'missed'}**;`
      + ` against the ideal and one video's own generation (${g.ideal + settings.videoReadyMs / 1000} s: the last`
      + ` video cannot start before ${g.ideal} s, nor end sooner than its generation after): ${f(g.makespan / (g.ideal + settings.videoReadyMs / 1000))}×.`);
    if (fixed) {
      const ratio = g.costPer1000 / fixed.results[polls].costPer1000;
      lines.push(`- polls ${polls}: cost per 1,000 jobs $${f(g.costPer1000, 4)} against the fixed-5-s design's`
        + ` $${f(fixed.results[polls].costPer1000, 4)}: ${f(ratio)}× (goal ≤ 0.5×): **${ratio <= 0.5 ? 'met' : 'missed'}**.`);
    }
  }
  lines.push('', '## Results', '');
  for (const polls of settings.polls) {
    lines.push(`### Status polls ${polls === 'counted' ? 'counted against the limits' : 'not counted'}`, '',
      '| variant | succeeded | failed (by code) | 429s on generation requests | 429s on polls | generation requests | polls | paid twice | makespan (s) | × ideal | Lambda invocations per job (submit / poll / finalize) | GB-s per job | state transitions per job | DynamoDB RRU / WRU per job | cost per 1,000 jobs |',
      '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|');
    for (const v of all) {
      const r = v.results[polls];
      const p = r.perJob;
      lines.push(`| ${v.label} | ${r.succeeded} | ${r.failed}${r.failures.length ? ` (${r.failures.map(([c, k]) => `${k} ${c}`).join(', ')})` : ''} `
        + `| ${r.generation429} | ${r.poll429} | ${r.generationRequests} | ${r.pollRequests} | ${r.paidTwice} | ${f(r.makespan, 1)} `
        + `| ${f(r.makespan / r.ideal)} | ${f(p.invocations)} (${FUNCTIONS.map((fn) => f(p.byFunction[fn])).join(' / ')}) `
        + `| ${f(p.gbSeconds, 4)} | ${f(p.transitions)} | ${f(p.readUnits)} / ${f(p.writeUnits)} | $${f(r.costPer1000, 4)} |`);
    }
    lines.push('');
  }
  lines.push('## The cost model', '',
    `Per job, from this run's counts: Lambda invocations × $${PRICES.lambdaRequest * 1e6} per million, GB-s (each`
      + ` invocation's measured duration, rounded up to the millisecond as Lambda bills, at the template's ${memory} MB`
      + ' for the native functions) × $' + PRICES.lambdaGbSecond + ', state transitions (states entered and retries)'
      + ` × $${PRICES.stateTransition * 1000} per 1,000, DynamoDB on-demand read request units × $${PRICES.dynamoReadUnit * 1e6}`
      + ` and write request units × $${PRICES.dynamoWriteUnit * 1e6} per million (the capacity DynamoDB Local reports`
      + ' as consumed). AWS list prices for us-east-1, x86 Lambda, Step Functions Standard; in effect since'
      + ` ${PRICES.date} (DynamoDB on-demand's price cut; the Lambda and Step Functions prices are older). xAI's own`
      + ` charges are the same in every variant and left out. The durations are this run's, of the ${runtime} functions on`
      + ' this machine, whose two cores every process of the run shares (a Lambda has its own CPU share).',
    '');
  fs.writeFileSync(out, `${lines.join('\n')}\n`);
}

async function main() {
  let values;
  let settings;
  try {
    ({ values } = parseArgs({ options: {
      jobs: { type: 'string', default: '500' },
      videos: { type: 'string', default: '200' },
      variants: { type: 'string', default: 'governor,ungoverned,fixed-5s' },
      polls: { type: 'string', default: 'both' },
      'image-rps': { type: 'string', default: '5' },
      'video-rps': { type: 'string', default: '1' },
      'image-ready-ms': { type: 'string', default: '8000' },
      'video-ready-ms': { type: 'string', default: '45000' },
      runtime: { type: 'string', default: 'auto' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    } }));
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    const variants = values.variants.split(',').map((v) => v.trim());
    const unknown = variants.filter((v) => !(v in VARIANTS));
    if (unknown.length || variants.length === 0) throw new UsageError(`--variants: ${Object.keys(VARIANTS).join(', ')} (not ${unknown.join(', ')})`);
    if (!['counted', 'free', 'both'].includes(values.polls)) throw new UsageError('--polls: counted, free or both');
    if (!['auto', 'jvm', 'native'].includes(values.runtime)) throw new UsageError(`--runtime ${values.runtime}: auto, jvm or native`);
    settings = {
      jobs: numberOption(values, 'jobs', { min: 2, max: 5000, integer: true }),
      videos: numberOption(values, 'videos', { min: 1, max: 5000, integer: true }),
      imageRps: numberOption(values, 'image-rps', { min: 0.1, max: 1000 }),
      videoRps: numberOption(values, 'video-rps', { min: 0.1, max: 1000 }),
      imageReadyMs: numberOption(values, 'image-ready-ms', { min: 100, max: 600000, integer: true }),
      videoReadyMs: numberOption(values, 'video-ready-ms', { min: 100, max: 600000, integer: true }),
      variants,
      polls: values.polls === 'both' ? ['free', 'counted'] : [values.polls],
      runtime: values.runtime,
    };
    if (settings.videos >= settings.jobs) throw new UsageError('--videos must leave some image jobs (fewer than --jobs)');
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  const root = projectRoot();
  if (!prerequisitesMet(root, console.log)) return 2;
  const started = new Date();
  const all = [];
  for (const name of settings.variants) all.push(await runVariant(name, settings, root, (line) => console.log(line)));
  const out = path.resolve(values.out ?? path.join(root, 'bench', 'LOAD.md'));
  report(out, all, settings, {
    started,
    machine: `${os.cpus().length} vCPU ${os.cpus()[0]?.model ?? ''}`.trim() + `, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`,
    command: ['bench/load', ...process.argv.slice(2)].join(' '),
    memory: lambdaMemoryMb(root).native,
    runtime: functionCommand(root, settings.runtime).kind,
  });
  console.log(`report: ${out}`);
  const summary = { bench: 'load', jobs: settings.jobs, videos: settings.videos };
  for (const v of all) {
    for (const [polls, r] of Object.entries(v.results)) {
      summary[`${v.name}.${polls}`] = { succeeded: r.succeeded, failed: r.failed, generation429: r.generation429,
        poll429: r.poll429, makespanOverIdeal: Number((r.makespan / r.ideal).toFixed(3)),
        costPer1000: Number(r.costPer1000.toFixed(5)), transitionsPerJob: Number(r.perJob.transitions.toFixed(2)),
        invocationsPerJob: Number(r.perJob.invocations.toFixed(2)), paidTwice: r.paidTwice };
    }
  }
  const governor = all.find((v) => v.name === 'governor');
  const fixed = all.find((v) => v.name === 'fixed-5s');
  if (governor && fixed) {
    summary.costOverFixed = Object.fromEntries(Object.keys(governor.results).map((p) => [p,
      Number((governor.results[p].costPer1000 / fixed.results[p].costPer1000).toFixed(3))]));
  }
  // The one JSON summary line, last.
  console.log(JSON.stringify(summary));
  return 0;
}

process.exitCode = await main();
