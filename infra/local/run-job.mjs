// The local run: one event through the real state machine and the real function artifact, on this machine.
// Usage and options: node run-job.mjs --help (or infra/local/run-job --help).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from './lib/artifact.mjs';
import { numberOption, runCommand, UsageError } from './lib/cli.mjs';
import { readEvent } from './lib/event-file.mjs';
import { formatLine, jobLines } from './lib/job-logs.mjs';
import { jobFolder, saveOutputs } from './lib/outputs.mjs';
import { progressLine } from './lib/progress.mjs';
import { runBatch } from './lib/batch.mjs';
import { startStack } from './lib/stack.mjs';

const USAGE = `usage: infra/local/run-job [EVENT_FILE] [options]
       infra/local/run-job --batch MANIFEST.jsonl [options]
       infra/local/run-job --logs JOB_ID [--json] [--out DIR]

Runs one job end to end: the event through infra/statemachine/imagine-job.asl.json, each Task invoking the
function artifact behind a Lambda Runtime API emulator, records in DynamoDB Local, and the xAI simulator unless
XAI_API_KEY is set (the real API) or XAI_BASE_URL is (any other server that speaks xAI's API, with XAI_API_KEY
as its key if it needs one). Outputs are saved in out/<job id>/; the last line printed is the job record.

  EVENT_FILE            an event or job request (default: infra/events/operations/image-generate.json)
  --batch FILE          a batch: a JSON Lines manifest, one job request per line (docs/batches.md). It is put in
                        the local S3 as s3://imagine-inputs/batches/<file name> and the batch state machine runs it:
                        Open, every line's job through the job state machine (named <batch id>-<line>, as many at
                        once as the machine's MaxConcurrency), Close. Each job's record and outputs go to
                        out/<job id>/, the results manifest to s3://imagine-inputs/batch-results/; the last line
                        printed is the batch record
  --batch-id ID         with --batch: the batch's id (default: derived from the manifest's name and content)
  --time-scale F        wait F times as long as the job state asks (default 1: real time; 0.1 is ten times faster)
  --runtime R           auto (native when built, else jvm), jvm or native
  --out DIR             where outputs go (default: out/); the functions' logs are in its logs/
  --logs JOB_ID         print one job's log and metric lines from all functions, in time order (runs nothing)
  --json                with --logs: the lines as the functions wrote them (JSON), not formatted
  -h, --help            this text

Exit status: 0 when the job succeeded (with --batch: every job), 3 when it failed (the record says why), 2 for a
usage or setup problem.`;

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        'time-scale': { type: 'string', default: '1' },
        runtime: { type: 'string', default: 'auto' },
        out: { type: 'string' },
        logs: { type: 'string' },
        batch: { type: 'string' },
        'batch-id': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    console.error(`${e.message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = projectRoot();
  if (values.logs !== undefined) return printJobLogs(values, positionals, root);
  if (values.json) {
    console.error(`--json goes with --logs\n\n${USAGE}`);
    return 2;
  }
  if (values.batch !== undefined) return runBatchCommand(values, positionals, root);
  if (values['batch-id'] !== undefined) {
    console.error(`--batch-id goes with --batch\n\n${USAGE}`);
    return 2;
  }
  const eventFile = path.resolve(positionals[0] ?? path.join(root, 'infra', 'events', 'operations', 'image-generate.json'));
  let timeScale;
  try {
    timeScale = numberOption(values, 'time-scale', { min: 0.001, max: 1 });
    if (positionals.length > 1) throw new UsageError(`one event file at most (was ${positionals.length})`);
    if (!['auto', 'jvm', 'native'].includes(values.runtime)) throw new UsageError(`--runtime ${values.runtime}: auto, jvm or native`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (!fs.existsSync(eventFile)) {
    console.error(`no event file ${eventFile}`);
    return 2;
  }
  let event;
  try {
    event = readEvent(fs.readFileSync(eventFile, 'utf8'));
  } catch (e) {
    console.error(`${eventFile}: ${e.message}`);
    return 2;
  }
  const { stack, outRoot, say } = await startLocal(values, root, `event ${path.relative(process.cwd(), eventFile) || eventFile}`,
    { timeScale });
  try {
    let startedAt = null;
    const result = await stack.run(event, {
      timeScale,
      onEvent: (e) => {
        startedAt ??= e.timestamp;
        const line = progressLine(e, startedAt);
        if (line) say(line);
      },
    });
    if (!result.record) {
      console.error(`the execution ended ${result.status} without a record: ${result.error}: ${result.cause}`);
      return 1;
    }
    try {
      const dir = jobFolder(outRoot, result.record.jobId);
      const saved = await saveOutputs(result.record, outRoot, {
        xaiBaseUrl: stack.endpoints.xai, xaiApiKey: stack.xaiApiKey, s3Endpoint: stack.endpoints.s3,
      });
      for (const [i, output] of (result.record.outputs ?? []).entries()) {
        if (output.s3) say(`output ${i} in s3://${output.s3.bucket}/${output.s3.key} (${output.deliveredBy})`);
      }
      say(`job ${result.record.jobId} ${result.record.status}; saved ${[path.join(dir, 'record.json'), ...saved]
        .map((f) => path.relative(process.cwd(), f)).join(', ')}`);
    } catch (e) {
      // The record still says where the outputs are (their URLs and file ids); a lost download does not undo the job.
      say(`job ${result.record.jobId} ${result.record.status}; its outputs could not be saved: ${e.message}`);
    }
    console.log(JSON.stringify(result.record));
    return result.record.status === 'succeeded' ? 0 : 3;
  } finally {
    await stack.stop();
  }
}

/**
 * The local stack for one run: the xAI the functions call (XAI_API_KEY means the real API, or XAI_BASE_URL's server;
 * XAI_BASE_URL alone a server that needs no key; else the simulator, its generations at the run's time scale).
 */
async function startLocal(values, root, what, { timeScale, warm, scaleOwnExecutions = false }) {
  const xai = process.env.XAI_API_KEY || process.env.XAI_BASE_URL
    ? { baseUrl: process.env.XAI_BASE_URL || 'https://api.x.ai', apiKey: process.env.XAI_API_KEY || 'none' }
    : null;
  const outRoot = path.resolve(values.out ?? path.join(root, 'out'));
  const say = (line) => console.log(line);
  say(`${what}; xAI: ${xai ? xai.baseUrl : 'the built-in simulator'}`);
  const stack = await startStack({
    runtime: values.runtime,
    xai,
    imageReadyMs: 2000 * timeScale,
    videoReadyMs: 6000 * timeScale,
    logDir: path.join(outRoot, 'logs'),
    log: say,
    ...(warm ? { warm } : {}),
    ...(scaleOwnExecutions ? { timeScale } : {}),
  });
  return { stack, outRoot, say };
}

/** --batch FILE: the batch through Open, the job machine per line, and Close; the batch record printed last. */
async function runBatchCommand(values, positionals, root) {
  let timeScale;
  try {
    timeScale = numberOption(values, 'time-scale', { min: 0.001, max: 1 });
    if (positionals.length > 0) throw new UsageError('--batch takes its manifest, and no event file');
    if (!['auto', 'jvm', 'native'].includes(values.runtime)) throw new UsageError(`--runtime ${values.runtime}: auto, jvm or native`);
    if (values['batch-id'] !== undefined && !/^[A-Za-z0-9_-]{1,60}$/.test(values['batch-id'])) {
      throw new UsageError('--batch-id: 1 to 60 letters, digits, - or _');
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n\n${USAGE}`);
    return 2;
  }
  const file = path.resolve(values.batch);
  if (!fs.existsSync(file)) {
    console.error(`no manifest ${file}`);
    return 2;
  }
  // The batch machine starts the jobs itself: their waits are scaled as the stack's own executions'.
  const { stack, outRoot, say } = await startLocal(values, root, `batch ${path.relative(process.cwd(), file) || file}`,
    { timeScale, warm: ['submit', 'poll', 'finalize', 'batch'], scaleOwnExecutions: true });
  try {
    const { outcome, record, results } = await runBatch(stack, file, { id: values['batch-id'] });
    if (outcome.status !== 'SUCCEEDED') {
      // Open refused the manifest (or the batch could not run): the function's error names the field and rule.
      const cause = (() => { try { return JSON.parse(outcome.cause).errorMessage; } catch { return outcome.cause; } })();
      console.error(`the batch did not run: ${outcome.error}: ${cause}`);
      return 3;
    }
    if (record.duplicate) {
      say(`batch ${record.batchId} is already running (run ${record.run}); nothing started`);
      return 0;
    }
    for (const [i, job] of results.entries()) {
      say(`line ${i + 1}: job ${job.jobId} ${job.status}${job.error ? ` (${job.error.code}: ${job.error.message})` : ''}`);
      if (!job.outcome) continue; // a line without a record
      try {
        await saveOutputs(job, outRoot, {
          xaiBaseUrl: stack.endpoints.xai, xaiApiKey: stack.xaiApiKey, s3Endpoint: stack.endpoints.s3,
        });
      } catch (e) {
        say(`job ${job.jobId}: its outputs could not be saved: ${e.message}`);
      }
    }
    say(`batch ${record.batchId} run ${record.run}: ${Object.entries(record.counts).map(([k, v]) => `${v} ${k}`).join(', ')}; `
      + `records and outputs in ${path.relative(process.cwd(), outRoot) || '.'}/<job id>/, results in ${record.results}`);
    console.log(JSON.stringify(record));
    return (record.counts.succeeded ?? 0) === record.lines ? 0 : 3;
  } finally {
    await stack.stop();
  }
}

/** --logs JOB_ID: the job's lines from out/logs/, oldest first; exit status 3 when there are none. */
function printJobLogs(values, positionals, root) {
  if (positionals.length > 0 || !/^[A-Za-z0-9._:-]{1,128}$/.test(values.logs)) {
    console.error(`--logs takes one job id and no event file\n\n${USAGE}`);
    return 2;
  }
  const logDir = path.join(path.resolve(values.out ?? path.join(root, 'out')), 'logs');
  const lines = jobLines(logDir, values.logs);
  if (lines.length === 0) {
    console.error(`no line of job ${values.logs} in ${logDir}`);
    return 3;
  }
  for (const line of lines) console.log(values.json ? JSON.stringify(line.entry) : formatLine(line));
  return 0;
}

runCommand(main);
