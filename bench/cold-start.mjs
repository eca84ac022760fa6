// Start-up benchmark of the three functions, each variant of the artifact behind the same Lambda Runtime API
// emulator the local run uses, against DynamoDB Local and the xAI simulator on loopback. Writes bench/README.md.
//
//   bench/run [--cold N] [--warm N] [--variants floor,native,jvm,jvm-tuned,jdk25-aot] [--native PATH]
//             [--floor PATH] [--native-args A] [--out FILE]
// Prints one JSON summary line last.
import '../infra/local/lib/polyfill.mjs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LAMBDA_JVM_FLAGS, PrerequisiteError, ensureBuilt, jvmCommand, projectRoot, requireJava }
  from '../infra/local/lib/artifact.mjs';
import { startBackends } from '../infra/local/lib/backends.mjs';
import { FUNCTIONS, functionEnvironment, SIMULATOR_KEY, TABLE } from '../infra/local/lib/environment.mjs';
import { LocalFunction } from '../infra/local/lib/local-function.mjs';
import { findJdk25, variants } from './variants.mjs';
import { numberOption, UsageError } from '../infra/local/lib/cli.mjs';
import { writeReport } from './report.mjs';

const { values: options } = parseArgs({
  options: {
    cold: { type: 'string', default: '5' },
    warm: { type: 'string', default: '200' },
    variants: { type: 'string', default: 'floor,native,jvm,jvm-tuned,jdk25-aot' },
    native: { type: 'string' },
    floor: { type: 'string' },
    'native-args': { type: 'string', default: '' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  console.log(`usage: bench/run [options]
  --variants LIST  which to measure, in order (default floor,native,jvm,jvm-tuned,jdk25-aot)
  --cold N         cold starts per function (default 5)
  --warm N         warm invocations per function (default 200)
  --native PATH    the native executable (default target/*-runner)
  --floor PATH     the floor's native executable (default bench/floor/target/*-runner, from bench/floor/build)
  --native-args A  arguments for both, space-separated (for instance -Xmx102m, the heap a 128 MB Lambda gives)
  --out FILE       where to write the report (default bench/README.md)`);
  process.exit(0);
}
/** A whole number of at least `min`, or the usage error that names the option. */
function count(name, min) {
  try {
    return numberOption(options, name, { min, integer: true });
  } catch (e) {
    console.error(`bench/run: ${e.message}`);
    process.exit(2);
  }
}
const COLD = count('cold', 1);
const WARM = count('warm', 1);
const root = projectRoot();
const work = path.join(root, 'target', 'bench');
const logDir = path.join(work, 'logs');

/** Resident memory of a process, in MB, from /proc (what Lambda's "Max Memory Used" counts). */
function residentMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const median = (values) => percentile(values, 50);
const TRAINING_CALLS = 25;
const WARM_UP_CALLS = 100;

async function timed(promise) {
  const started = performance.now();
  const result = await promise;
  return { result, ms: performance.now() - started };
}

function localFunction(label, fn, env, command) {
  return new LocalFunction({ name: fn.name, arn: `arn:aws:lambda:us-east-1:000000000000:function:bench-${fn.name}`,
    command, env, timeoutMs: fn.timeoutMs, logFile: path.join(logDir, `${label}-${fn.name}.log`) });
}

/** `calls` invocations of one process, then its exit (waiting up to `graceMs`); resolves with the answers. */
async function exercise(label, fn, env, command, events, calls, graceMs = 3000) {
  const local = localFunction(label, fn, env, command);
  const outputs = [];
  try {
    for (let i = 0; i < calls; i += 1) outputs.push(await local.invoke(events(i)));
  } finally {
    await local.stop({ graceMs });
  }
  return { outputs };
}

/**
 * The training run of a tuned variant: a few invocations, then a normal exit, at which the JVM writes its class
 * archive or AOT cache. Resolves with the function's answers, which the next function's training takes.
 */
async function train(variant, fn, env, events) {
  const { command, artifact } = variant.training(fn);
  fs.rmSync(artifact, { force: true });
  // JDK 25 assembles the AOT cache in a second JVM as the first exits: give it time.
  const run = await exercise(`${variant.id}-training`, fn, env, command, events, TRAINING_CALLS, 120_000);
  if (!fs.existsSync(artifact)) throw new Error(`${variant.id}: the training run of ${fn.name} wrote no ${artifact}`);
  return run;
}

/**
 * Submit, then poll on submit's states, then finalize on poll's: `step(fn, events)` runs one function on
 * `events(i)`, the i-th event. Every submit starts a new job.
 */
async function chain(tag, step) {
  const [submitFn, pollFn, finalizeFn] = FUNCTIONS;
  const submitted = await step(submitFn, (i) => ({
    operation: 'image_generate', prompt: `A lighthouse at dusk, ${tag} #${i}`,
    idempotency_key: `bench-${tag}-${process.pid}-${i}`,
  }));
  const polled = await step(pollFn, (i) => submitted.outputs[i]);
  return [submitted, polled, await step(finalizeFn, (i) => polled.outputs[i])];
}

/**
 * One function of one variant: COLD cold starts (process start to first GET /next, then the first invocation and
 * the resident memory after it), then WARM invocations on the last process. `events(i)` gives the i-th event.
 */
async function measure(variant, fn, env, events) {
  const local = localFunction(variant.id, fn, env, variant.command(fn));
  const inits = [];
  const firsts = [];
  const rss = [];
  const outputs = [];
  let next = 0;
  try {
    for (let i = 0; i < COLD; i += 1) {
      inits.push(i === 0 ? await local.start() : await local.restart());
      const first = await timed(local.invoke(events(next++)));
      firsts.push(first.ms);
      outputs.push(first.result);
      rss.push(residentMb(local.pid));
    }
    const warm = [];
    for (let i = 0; i < WARM; i += 1) {
      const call = await timed(local.invoke(events(next++)));
      warm.push(call.ms);
      outputs.push(call.result);
    }
    const rssAfterWarm = residentMb(local.pid);
    return {
      // What Quarkus itself reports of each start ("started in 0.017s"): its part of init, without the process's.
      quarkusStartedMs: median(quarkusStarts(variant.id, fn)),
      function: fn.name,
      initMs: median(inits), initMinMs: Math.min(...inits), initMaxMs: Math.max(...inits),
      firstMs: median(firsts), coldTotalMs: median(inits.map((ms, i) => ms + firsts[i])),
      warmP50Ms: percentile(warm, 50), warmP99Ms: percentile(warm, 99),
      rssMb: median(rss), rssAfterWarmMb: rssAfterWarm,
      outputs,
    };
  } finally {
    await local.stop();
  }
}

/** Quarkus's own start-up times ("... started in 0.017s.") in a function's log, in ms; empty for none. */
function quarkusStarts(label, fn) {
  const file = path.join(logDir, `${label}-${fn.name}.log`);
  if (!fs.existsSync(file)) return [];
  return [...fs.readFileSync(file, 'utf8').matchAll(/started in (\d+\.\d+)s/g)].map((m) => Number(m[1]) * 1000);
}

function printRow(variant, row) {
  console.log(`${variant.id.padEnd(10)} ${row.function.padEnd(9)} init ${row.initMs.toFixed(1)} ms, `
    + `first call ${row.firstMs.toFixed(1)} ms, warm p50 ${row.warmP50Ms.toFixed(2)} / p99 `
    + `${row.warmP99Ms.toFixed(2)} ms, RSS ${row.rssMb.toFixed(1)} MB, after warm calls ${row.rssAfterWarmMb.toFixed(1)} MB`);
}

function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
  // `java -version` writes to standard error; its second line names the build.
  const javaVersion = (java) => {
    const probe = spawnSync(java, ['-version'], { encoding: 'utf8' });
    return probe.error ? 'unavailable' : (probe.stderr.split('\n')[1] ?? '').trim();
  };
  return {
    cpu: `${cpu} (${os.cpus().length} vCPU)`,
    memoryGb: (os.totalmem() / 2 ** 30).toFixed(1),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    java: javaVersion('java'),
    jdk25: findJdk25() ? javaVersion(findJdk25()) : 'none (JAVA25_HOME unset, and the PATH\'s java is older)',
  };
}

async function main() {
  requireJava();
  ensureBuilt(root, (line) => console.log(line));
  // This run's logs only: they are appended to, and the report reads Quarkus's start-up times from them.
  fs.rmSync(logDir, { recursive: true, force: true });
  fs.mkdirSync(logDir, { recursive: true });
  const chosen = variants({ root, work, wanted: options.variants.split(','), native: options.native,
    floor: options.floor,
    nativeArgs: options['native-args'].split(' ').filter(Boolean),
    log: (line) => console.log(line) });
  const backends = await startBackends({ root, table: TABLE, simulator: true, imageReadyMs: 1, videoReadyMs: 1,
    logFile: path.join(logDir, 'stand-ins.log') });
  const results = [];
  try {
    const { endpoints } = backends;
    const xai = { baseUrl: endpoints.xai, apiKey: SIMULATOR_KEY };
    const env = (fn) => functionEnvironment({ name: fn.name, timeoutMs: fn.timeoutMs, endpoints, xai });
    // DynamoDB Local and the simulator are JVMs too: warm them up first, so the first variant measured does not
    // pay for their JIT.
    console.log(`warming up the stand-ins (${WARM_UP_CALLS} jobs through the JVM functions)`);
    await chain('warm-up', (fn, events) => exercise('warm-up', fn, env(fn), jvmCommand(root), events, WARM_UP_CALLS));
    for (const variant of chosen) {
      if (variant.skipped) {
        results.push({ variant, rows: [] });
        console.log(`${variant.id}: skipped (${variant.skipped})`);
        continue;
      }
      if (variant.training) {
        console.log(`${variant.id}: training runs (${TRAINING_CALLS} calls per function)`);
        await chain(`${variant.id}-training`, (fn, events) => train(variant, fn, env(fn), events));
      }
      if (variant.floor) {
        // The echo function takes submit's events, the same JSON in as the product's first function gets.
        const echo = { name: 'echo', timeoutMs: 10_000 };
        const row = await measure(variant, echo, env(echo), (i) => ({ operation: 'image_generate',
          prompt: `A lighthouse at dusk, floor #${i}`, idempotency_key: `bench-floor-${process.pid}-${i}` }));
        const echoed = row.outputs.filter((o) => o?.prompt?.startsWith('A lighthouse at dusk, floor #')).length;
        if (echoed !== row.outputs.length) throw new Error(`floor: ${echoed} of ${row.outputs.length} calls echoed`);
        const { outputs, ...measured } = row;
        results.push({ variant, rows: [measured] });
        printRow(variant, measured);
        continue;
      }
      const [submitted, polled, finalized] = await chain(`${variant.id}-measured`,
        (fn, events) => measure(variant, fn, env(fn), events));
      const done = polled.outputs.filter((s) => s.status === 'done').length;
      const recorded = finalized.outputs.filter((r) => r.status === 'succeeded').length;
      if (recorded !== finalized.outputs.length) {
        throw new Error(`${variant.id}: ${recorded} of ${finalized.outputs.length} jobs recorded as succeeded`);
      }
      const rows = [submitted, polled, finalized].map(({ outputs, ...row }) => row);
      results.push({ variant, rows, jobs: { submitted: submitted.outputs.length, done, recorded } });
      for (const row of rows) printRow(variant, row);
    }
  } finally {
    await backends.stop();
  }
  const out = options.out ?? path.join(root, 'bench', 'README.md');
  const summary = writeReport(out, { results, machine: machine(), cold: COLD, warm: WARM, jvmFlags: LAMBDA_JVM_FLAGS,
    template: path.join(root, 'infra', 'template.yaml'), root,
    nativeArgs: options['native-args'].split(' ').filter(Boolean),
    command: `bench/run${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}` });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
  console.log(JSON.stringify(summary));
}

try {
  await main();
} catch (e) {
  // A missing prerequisite, an unknown variant or a function that failed: the message says which; logs are kept.
  console.error(`bench/run: ${e.message}`);
  process.exit(e instanceof PrerequisiteError || e instanceof UsageError ? 2 : 1);
}
