// The reliability soak's command: runs infra/local/testing/soak.mjs with the full figures and writes
// bench/RELIABILITY.md. Exit 0 when every check passed, 1 when one failed (the report says which), 2 for usage.
import '../infra/local/lib/polyfill.mjs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prerequisitesMet, projectRoot } from '../infra/local/lib/artifact.mjs';
import { soak } from '../infra/local/testing/soak.mjs';
import { writeReliabilityReport } from './reliability-report.mjs';
import { numberOption, UsageError } from '../infra/local/lib/cli.mjs';

const USAGE = `usage: bench/soak [options]
  --jobs N            jobs, spread evenly over the seven operations (default 2000)
  --fault-rate R      share of xAI calls that get a fault, 0 to 1 (default 0.2)
  --seed N            the simulator's fault seed; the same seed draws the same faults (default 1)
  --concurrent R      share of the jobs whose two deliveries start together (default 0.3)
  --in-flight N       executions running at once (default 48)
  --environments N    execution environments per function (default 3)
  --time-scale F      waits and retries at F of what the state machines ask (default 0.02)
  --webhook-fail R    share of webhook deliveries the receiver answers 500, 0 to 1 (default 0.3)
  --runtime R         auto (native when built, else jvm), jvm or native
  --out FILE          the report (default bench/RELIABILITY.md)`;


async function main() {
  let values;
  let settings;
  try {
    ({ values } = parseArgs({ options: {
      jobs: { type: 'string', default: '2000' },
      'fault-rate': { type: 'string', default: '0.2' },
      seed: { type: 'string', default: '1' },
      concurrent: { type: 'string', default: '0.3' },
      'in-flight': { type: 'string', default: '48' },
      environments: { type: 'string', default: '3' },
      'time-scale': { type: 'string', default: '0.02' },
      'webhook-fail': { type: 'string', default: '0.3' },
      runtime: { type: 'string', default: 'auto' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    } }));
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (!['auto', 'jvm', 'native'].includes(values.runtime)) throw new UsageError(`--runtime ${values.runtime}: auto, jvm or native`);
    settings = {
      jobs: numberOption(values, 'jobs', { min: 1, max: 100000, integer: true }),
      faultRate: numberOption(values, 'fault-rate', { min: 0, max: 1 }),
      seed: numberOption(values, 'seed', { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }),
      concurrentShare: numberOption(values, 'concurrent', { min: 0, max: 1 }),
      inFlight: numberOption(values, 'in-flight', { min: 2, max: 1000, integer: true }),
      environments: numberOption(values, 'environments', { min: 1, max: 16, integer: true }),
      timeScale: numberOption(values, 'time-scale', { min: 0.001, max: 1 }),
      webhookFailRate: numberOption(values, 'webhook-fail', { min: 0, max: 0.9 }),
      runtime: values.runtime,
    };
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  const root = projectRoot();
  if (!prerequisitesMet(root, console.log)) return 2;
  const started = new Date();
  const result = await soak({ ...settings, log: (line) => console.log(line) });
  const out = path.resolve(values.out ?? path.join(root, 'bench', 'RELIABILITY.md'));
  writeReliabilityReport(out, result, { started, machine: `${os.cpus().length} vCPU ${os.cpus()[0]?.model ?? ''}`.trim()
    + `, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`, command: ['bench/soak', ...process.argv.slice(2)].join(' ') });
  console.log(`${result.passed ? 'passed' : 'FAILED'}: ${result.jobs} jobs, ${result.faults} faults in ${result.xaiCalls}`
    + ` xAI calls, ${result.lost} lost, ${result.duplicatesPaid} paid twice, ${result.costMismatches} cost mismatches,`
    + ` ${result.seconds.toFixed(0)} s; report: ${out}`);
  result.problems.slice(0, 20).forEach((p) => console.log(`  ${p}`));
  // The one JSON summary line, last.
  console.log(JSON.stringify({ bench: 'soak', passed: result.passed, jobs: result.jobs, lost: result.lost,
    paidTwice: result.duplicatesPaid, costMismatches: result.costMismatches,
    paidResultsLost: result.delivery.paidResultsLost, recovered: result.delivery.recovered,
    deliveredByXai: result.delivery.byArrival.xai_upload ?? 0, copied: result.delivery.byArrival.copied ?? 0,
    directPathBytes: result.delivery.directPathBytes, webhooksLost: result.webhooks.lost,
    webhooksDelivered: result.webhooks.delivered, webhookFailuresRetried: result.webhooks.receiverFailed,
    faults: result.faults, xaiCalls: result.xaiCalls,
    seconds: Math.round(result.seconds) }));
  return result.passed ? 0 : 1;
}

process.exitCode = await main();
