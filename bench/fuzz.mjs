// The event fuzz run's command: runs EventFuzzTest (submit's Lambda door under the test profile, with the xAI
// simulator and DynamoDB Local) with N events, writes its section of bench/RELIABILITY.md and prints the summary
// as one JSON line last. Exit 0 when every event ended as a started job or a JobInvalid with a field and a rule,
// 1 otherwise (the report says which), 2 for usage.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { projectRoot } from '../infra/local/lib/artifact.mjs';
import { numberOption, UsageError } from '../infra/local/lib/cli.mjs';
import { writeSection } from './sections.mjs';

const USAGE = `usage: bench/fuzz [options]
  --events N   events to generate (default 100000)
  --seed S     the generator's seed (default 1)
  --record-every K   take every K-th refused event through finalize's failure path (default 4)
  --out FILE   the report whose "fuzz" section is written (default bench/RELIABILITY.md)
  --report-only  write the section from the last run's summary (target/fuzz-summary.json), running nothing`;

function settings() {
  const { values } = parseArgs({ options: {
    events: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    'record-every': { type: 'string', default: '4' },
    out: { type: 'string' },
    'report-only': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  } });
  if (values.help) return null;
  return {
    events: numberOption(values, 'events', { min: 1, max: 10_000_000, integer: true }),
    seed: numberOption(values, 'seed', { min: 0, integer: true }),
    recordEvery: numberOption(values, 'record-every', { min: 1, integer: true }),
    out: values.out,
    reportOnly: values['report-only'],
  };
}

const TOP_RULES = 40;

/** One row for the rules past the most frequent ones (a mutated S3 key makes a rule of its own, say). */
function otherRules(byRule) {
  const rest = Object.values(byRule).sort((a, b) => b - a).slice(TOP_RULES);
  return rest.length ? [[`${rest.length} other rules`, rest.reduce((a, b) => a + b, 0)]] : [];
}

function report(s, command, started) {
  const row = (cells) => `| ${cells.join(' | ')} |`;
  const table = (head, rows) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
  const sorted = (counts) => Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const refused = s.outcomes['refused: JobInvalid'] ?? 0;
  return `## Event fuzzing

${s.passed ? 'Passed' : '**Failed**'}: ${s.events} seeded events through submit's Lambda door in ${s.seconds} s (${s.eventsPerSecond}
events a second); every one ended as a started job or a \`JobInvalid\` naming a field and a rule, with no other error and no
library name in a message${s.passed ? '' : ` — except ${s.wrong}, listed below`}. No refused event called xAI. Every
${s.recordEvery === 1 ? '' : `${s.recordEvery}th `}refused event that Step Functions could carry (JSON, at most 256 KB) was handed to finalize's
failure path as RecordFailure hands it, ${s.recordedFailures} in all, and each left a failed record saying the same; the function
answered after the last event.

Rerun: \`${command}\` (writes this section; \`bench/fuzz --help\` for the options). Run on ${started.toISOString().slice(0, 10)},
${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} vCPU), seed ${s.seed}. The same test runs 2,000 events in \`mvn verify\`.

The events (\`src/test/java/io/imagineflow/testing/EventFuzzer.java\`): random JSON trees (some 2,000 levels deep, some with
numbers of 12,000 digits); the example events of \`infra/events\` with one field mutated (deleted, retyped, replaced by odd
text or a deep array), cut off, re-encoded (UTF-16, a byte-order mark, a broken byte, Latin-1) or given a key twice; and
envelopes nesting each other (SQS, Pipes batches, API Gateway, CloudEvents, EventBridge, up to four deep).

${table(['outcome', 'events'], sorted(s.outcomes))}

${table(['how the event was made, and its outcome', 'events'], sorted(s.byKind))}

The ${refused} refusals by rule, the ${TOP_RULES} most frequent (particulars taken out: quoted values as "…", whole
numbers as N, parentheses as (…)):

${table(['rule', 'events'], [...sorted(s.refusedByRule).slice(0, TOP_RULES), ...otherRules(s.refusedByRule)])}
${s.wrongExamples?.length ? `\nEvents that ended otherwise (first 20):\n\n${s.wrongExamples.map((w) => `- \`${w.replaceAll('`', "'")}\``).join('\n')}\n` : ''}`;
}

function main() {
  let s;
  try {
    s = settings();
  } catch (e) {
    console.error(`bench/fuzz: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (!s) {
    console.log(USAGE);
    return 0;
  }
  const root = projectRoot();
  const out = path.resolve(s.out ?? path.join(root, 'bench', 'RELIABILITY.md'));
  const summaryFile = path.join(root, 'target', 'fuzz-summary.json');
  fs.mkdirSync(path.dirname(summaryFile), { recursive: true });
  if (s.reportOnly) {
    if (!fs.existsSync(summaryFile)) {
      console.error(`bench/fuzz: no summary of an earlier run at ${path.relative(process.cwd(), summaryFile)}`);
      return 2;
    }
    return writeReport(JSON.parse(fs.readFileSync(summaryFile, 'utf8')), out, fs.statSync(summaryFile).mtime, 0);
  }
  fs.rmSync(summaryFile, { force: true });
  const started = new Date();
  console.log(`bench/fuzz: ${s.events} events, seed ${s.seed} (mvn test -Dtest=EventFuzzTest)`);
  // Maven's and the functions' own lines (one per refused event) go to a file, not the terminal.
  const mavenLog = path.join(root, 'target', 'fuzz-maven.log');
  const logFd = fs.openSync(mavenLog, 'w');
  const mvn = spawnSync('mvn', ['-B', '-q', 'test', '-Dtest=EventFuzzTest', '-Dsurefire.failIfNoSpecifiedTests=false',
    `-Dfuzz.events=${s.events}`, `-Dfuzz.seed=${s.seed}`, `-Dfuzz.record-every=${s.recordEvery}`, `-Dfuzz.summary=${summaryFile}`],
  { cwd: root, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  if (mvn.error) {
    console.error(`bench/fuzz: Maven (mvn) could not be run: ${mvn.error.message}`);
    return 2;
  }
  if (!fs.existsSync(summaryFile)) {
    console.error(`bench/fuzz: the fuzz test wrote no summary (it did not run to the end); see ${path.relative(process.cwd(), mavenLog)}`);
    return 1;
  }
  return writeReport(JSON.parse(fs.readFileSync(summaryFile, 'utf8')), out, started, mvn.status);
}

/** The section from a run's summary, and the summary as one JSON line last. */
function writeReport(summary, out, started, mavenStatus) {
  const command = `bench/fuzz --events ${summary.events}${summary.seed === 1 ? '' : ` --seed ${summary.seed}`}`
    + `${summary.recordEvery === 4 ? '' : ` --record-every ${summary.recordEvery}`}`;
  writeSection(out, 'fuzz', report(summary, command, started));
  console.log(`bench/fuzz: wrote the fuzz section of ${path.relative(process.cwd(), out)}`);
  const line = Object.fromEntries(Object.entries(summary)
    .filter(([key]) => !['wrongExamples', 'refusedByRule', 'byKind'].includes(key)));
  console.log(JSON.stringify({ bench: 'fuzz', ...line }));
  return summary.passed && mavenStatus === 0 ? 0 : 1;
}

try {
  process.exit(main());
} catch (e) {
  console.error(`bench/fuzz: ${e.message}`);
  process.exit(e instanceof UsageError ? 2 : 1);
}
