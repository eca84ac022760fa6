// bench/progress: what the record's live progress costs. Every poll that finds a job still running writes its
// progress, polls and estimate with one conditional update, and logs how long that write took; this runs image
// and video jobs through the local stack, with the simulator taking about as long as xAI (at --time-scale), and
// sets those writes against the poll steps they belong to. Writes bench/PROGRESS.md; prints one JSON line last.
import '../infra/local/lib/polyfill.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prerequisitesMet, projectRoot } from '../infra/local/lib/artifact.mjs';
import { numberOption, UsageError } from '../infra/local/lib/cli.mjs';
import { startStack } from '../infra/local/lib/stack.mjs';

const USAGE = `usage: bench/progress [options]
  --jobs N          jobs, half images and half videos (default 12)
  --time-scale F    waits at F of what the state machine asks, generations as long as xAI's at F (default 0.1)
  --out FILE        the report (default bench/PROGRESS.md)`;

const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);

async function main() {
  let values;
  let jobs;
  let timeScale;
  try {
    ({ values } = parseArgs({ options: { jobs: { type: 'string', default: '12' },
      'time-scale': { type: 'string', default: '0.1' }, out: { type: 'string' }, help: { type: 'boolean' } } }));
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    jobs = numberOption(values, 'jobs', { min: 2, max: 200, integer: true });
    timeScale = numberOption(values, 'time-scale', { min: 0.01, max: 1 });
  } catch (e) {
    if (!(e instanceof UsageError) && e.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw e;
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  const root = projectRoot();
  if (!prerequisitesMet(root, console.log)) return 2;
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imagine-flow-progress-'));
  // As serve does: images in about 8 s and videos in about 60 s (xAI's times), so that jobs are polled while running.
  const stack = await startStack({ logDir, environments: 2, imageReadyMs: 8000 * timeScale, videoReadyMs: 60000 * timeScale,
    log: console.log });
  const pollMs = [];
  let polls = 0;
  try {
    const examples = ['image-generate', 'text-to-video'].map((name) => JSON.parse(
      fs.readFileSync(path.join(root, 'infra', 'events', 'operations', `${name}.json`), 'utf8')));
    await Promise.all(Array.from({ length: jobs }, async (_, i) => {
      const request = { ...examples[i % 2], prompt: `${examples[i % 2].prompt} [progress ${process.pid}/${i}]` };
      const entered = new Map();
      await stack.run(request, { timeScale, onEvent: (e) => {
        if (e.state?.name !== 'Poll') return;
        if (e.type === 'StateEntered') entered.set('Poll', performance.now());
        if (e.type === 'StateExited') {
          polls += 1;
          pollMs.push(performance.now() - entered.get('Poll'));
        }
      } });
    }));
  } finally {
    await stack.stop();
  }
  const writes = stack.functions.poll.logFiles.filter((f) => fs.existsSync(f))
    .flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/progress recorded in ([\d.]+) ms/g)].map((m) => Number(m[1])))
    .sort((a, b) => a - b);
  pollMs.sort((a, b) => a - b);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const r = {
    bench: 'progress', jobs, polls, writes: writes.length, writesPerJob: writes.length / jobs,
    writeMedianMs: quantile(writes, 0.5), writeP95Ms: quantile(writes, 0.95), writeMsPerJob: sum(writes) / jobs,
    pollStepMedianMs: quantile(pollMs, 0.5),
    // What the writes add to the poll steps, measured in the same run: their time over the steps' time.
    writeShareOfPolling: sum(pollMs) ? sum(writes) / sum(pollMs) : 0,
  };
  const out = path.resolve(values.out ?? path.join(root, 'bench', 'PROGRESS.md'));
  const f = (x) => x.toFixed(1);
  fs.writeFileSync(out, `# Progress in the record

What \`GET /jobs/{id}\`'s live progress costs a job: every poll that finds the job still running writes its
\`progress\`, \`polls\` and \`estimatedCompletionAt\` with one conditional update (\`status = running\`), and logs how long
that write took.

Rerun: \`${['bench/progress', ...process.argv.slice(2)].join(' ')}\` (writes this file). Run on ${new Date().toISOString().slice(0, 10)},
${os.cpus().length} vCPU ${os.cpus()[0]?.model ?? ''}: ${jobs} jobs (half image generations, half 5 s videos) through the
real functions and state machine on loopback, DynamoDB Local, waits at ${timeScale} of what the state machine asks, and the
simulator taking about as long as xAI at that scale (images 8 s, videos 60 s).

| figure | value |
| --- | --- |
| polls (Poll steps) | ${polls} |
| progress writes | ${writes.length}: ${r.writesPerJob.toFixed(2)} per job, one per poll that found the job running |
| one write | ${f(r.writeMedianMs)} ms at the median, ${f(r.writeP95Ms)} ms at the 95th percentile |
| per job | ${f(r.writeMsPerJob)} ms of writes |
| one Poll step (the function's call to xAI, the write, the state machine's invocation) | ${f(r.pollStepMedianMs)} ms at the median |
| the writes' share of the time in Poll steps | ${(100 * r.writeShareOfPolling).toFixed(1)}% |

On DynamoDB, each write is one write unit for a record under 1 KB (a running record is; one with outputs is 1 to 3),
and writes nothing to the listing indexes, which do not project the progress. A job polled n times while running
costs n such writes; how many polls a job takes is the poll schedule's business.
`);
  console.log(`report: ${out}`);
  console.log(JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(3)) : v]))));
  return 0;
}

process.exitCode = await main();
