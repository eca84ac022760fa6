// Writes bench/RELIABILITY.md from one soak's figures.
import fs from 'node:fs';
import { sectionsOf } from './sections.mjs';

const TICKS_PER_USD = 1e10;

export function writeReliabilityReport(file, r, { started, machine, command }) {
  const s = r.settings;
  const row = (cells) => `| ${cells.join(' | ')} |`;
  const table = (head, rows) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
  const sorted = (counts) => Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const share = (n, of) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
  const verdict = (ok) => (ok ? 'met' : '**NOT met**');
  const crash = r.crashWindow;
  const text = `# Reliability soak

${r.passed ? 'Passed' : '**Failed**'}: ${r.jobs} jobs, each event delivered twice, through the real function artifact and
\`infra/statemachine/imagine-job.asl.json\` on loopback, with faults injected into ${share(r.faults, r.xaiCalls)} of the
${r.xaiCalls} xAI calls. ${r.lost} lost, ${r.duplicatesPaid} paid twice, ${r.costMismatches} cost mismatches, ${Math.round(r.seconds)} s.

Rerun: \`${command}\` (writes this file; \`bench/soak --help\` for the options). Run on ${started.toISOString().slice(0, 10)},
${machine}, ${s.environments} execution environments per function, ${s.inFlight} executions at a time, waits and retries at
${s.timeScale} of what the state machine asks, fault seed ${s.seed}.

## The checks

${table(['check', 'result', ''], [
    ['every job has exactly one terminal record', `${r.jobs - r.lost} of ${r.jobs} jobs; ${r.records} job records in the table`, verdict(r.lost === 0 && r.records === r.jobs)],
    ['no job lost', `${r.lost} lost`, verdict(r.lost === 0)],
    ['paid generations per job at most one', `${r.duplicatesPaid} jobs started twice at xAI`, verdict(r.duplicatesPaid === 0)],
    ['recorded cost equals what the simulator billed', `${r.costMismatches} mismatches; recorded $${(r.recordedTicks / TICKS_PER_USD).toFixed(2)}, billed $${(r.billedTicks / TICKS_PER_USD).toFixed(2)}`, verdict(r.costMismatches === 0 && r.recordedTicks === r.billedTicks)],
    ['the xAI key in no log, record, state or error', r.keyFoundIn.length === 0 ? 'not found' : `found in ${r.keyFoundIn.join(', ')}`, verdict(r.keyFoundIn.length === 0)],
    ['faults in at least 10% of xAI calls', `${r.faults} of ${r.xaiCalls} (${share(r.faults, r.xaiCalls)})`, verdict(r.faults >= 0.1 * r.xaiCalls)],
  ])}
${r.problems.length ? `\nProblems found (first 50):\n\n${r.problems.slice(0, 50).map((p) => `- ${p}`).join('\n')}\n` : ''}
## The crash window

A submit stalled by the simulator after xAI accepted the job (\`STALLED_AFTER_ACCEPT\`) was killed (SIGKILL) before it could
write the record: ${crash.killed} jobs. The state machine does not retry a submit that died (xAI may have started the job), so
each ended with one failed record (${sorted(crash.recordedAs).map(([k, v]) => `${v} \`${k}\``).join(', ') || 'none'}) and no second generation:
${crash.paid} generations paid for ${crash.killed} jobs. Their outputs are the loss: xAI bills a generation whose id the
submit never learned, and nothing can poll it. The simulator bills when a result is fetched, so these cost nothing here
(${crash.billedUnrecordedTicks} ticks billed and not recorded); on xAI each would cost one generation.

A start whose answer was lost in another way (a 5xx, a timeout, a dropped connection or an unreadable answer to the
POST) ends the same way, as \`XaiOutcomeUnknown\`, and is not sent again: ${r.answerLost.jobs} jobs, of which xAI had
accepted ${r.answerLost.accepted}.

## Jobs

${table(['operation (example in infra/events/operations)', 'jobs'], Object.entries(r.byOperation))}

Events: plain requests (with an idempotency key), EventBridge, SQS records, EventBridge Pipes batches and CloudEvents in
turn; a third of the single-image edits name an S3 object, uploaded to xAI Files once and reused
(${r.uploadsRemembered} upload remembered).

${table(['recorded outcome', 'jobs'], sorted(r.outcomes))}

${table(['execution (two per job)', 'executions'], sorted(r.executionStatuses))}

A second delivery ends as its job did (it reads the record), or, when it gave up waiting on the first delivery's
claim, as \`JobInProgress\` without touching the record.

## Faults injected

${table(['fault', 'injected'], sorted(r.faultsByKind))}

${table(['xAI operation', 'calls'], sorted(r.xaiCallsByOperation))}
`;
  // The fuzz run (bench/fuzz) writes its own section of this file; the soak keeps it.
  const kept = fs.existsSync(file) ? sectionsOf(fs.readFileSync(file, 'utf8')) : [];
  fs.writeFileSync(file, [text.trimEnd(), ...kept].join('\n\n') + '\n');
}
