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
  const d = r.delivery;
  const w = r.webhooks;
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
    ['recorded cost equals what the simulator billed, where the cost is known', `${r.costMismatches} mismatches; recorded $${(r.recordedTicks / TICKS_PER_USD).toFixed(2)}, billed $${(r.billedKnownTicks / TICKS_PER_USD).toFixed(2)} for those jobs (and $${(d.costUnknownBilledTicks / TICKS_PER_USD).toFixed(2)} for the ${d.costUnknownJobs} recovered jobs whose records say \`costKnown: false\`)`, verdict(r.costMismatches === 0 && r.recordedTicks === r.billedKnownTicks)],
    ['no paid result lost (billed, not moderated, no output in the record)', `${d.paidResultsLost} lost`, verdict(d.paidResultsLost === 0)],
    ['no byte of a directly delivered output through a function', `${d.directPathBytes} bytes (the copies moved ${d.copiedBytes} bytes)`, verdict(d.directPathBytes === 0)],
    ['every ended job\'s completed webhook received (signature checked), none lost', `${w.delivered} of ${w.jobsEnded}; ${w.lost} lost, with ${share(s.webhookFailRate * 100, 100)} of deliveries failed by the receiver`, verdict(w.lost === 0 && w.delivered === r.records)],
    ['the xAI key in no log, record, state or error', r.keyFoundIn.length === 0 ? 'not found' : `found in ${r.keyFoundIn.join(', ')}`, verdict(r.keyFoundIn.length === 0)],
    ['faults in at least 10% of xAI calls', `${r.faults} of ${r.xaiCalls} (${share(r.faults, r.xaiCalls)})`, verdict(r.faults >= 0.1 * r.xaiCalls)],
  ])}
${r.problems.length ? `\nProblems found (first 50):\n\n${r.problems.slice(0, 50).map((p) => `- ${p}`).join('\n')}\n` : ''}
## Delivery to S3

Every job delivers to the local bucket (the local run's default), through S3Proxy, which checks the presigned URLs'
signatures. Outputs of succeeded jobs by how they arrived: ${sorted(d.byArrival).map(([k, v]) => `${v} \`${k}\``).join(', ') || 'none'}
(${d.outputs} in all). xAI's uploads to the presigned URLs: ${sorted(d.uploads ?? {}).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'};
a refused, broken or late upload (the simulator's \`UPLOAD_*\` faults) is made good by finalize's copy. Bytes of outputs
downloaded from xAI by the functions: ${d.servedBytes}, for the copies (${d.copiedBytes} bytes in the records; a copy is
made twice when both deliveries of an event finalize at the same moment, and the record keeps one); of outputs that xAI
uploaded itself, ${d.directPathBytes}.

## Webhooks

Every job asked for its \`completed\` webhook, to a receiver on loopback that answered 500 to ${share(s.webhookFailRate * 100, 100)}
of the deliveries (${w.receiverFailed} of them, drawn from the seed) and checked each other one's Standard Webhooks
signature with the reference library (\`standardwebhooks\`). Each delivery is an execution of
\`infra/statemachine/webhook-delivery.asl.json\`, named by its webhook id, that retries a failed one (here at the run's
time scale): ${w.delivered} of the ${w.jobsEnded} ended jobs had their webhook received, ${w.lost} lost; executions
${sorted(w.executions).map(([k, v]) => `${v} ${k}`).join(', ')}. ${w.recordedDelivered} records say \`webhookDelivery.deliveredAt\`. The receiver
took ${w.received} distinct webhook ids: both deliveries of an event queue the same webhook id, which Step Functions
runs once.

## The crash window

A submit stalled by the simulator after xAI accepted the job (\`STALLED_AFTER_ACCEPT\`) was killed (SIGKILL) before it could
write the record: ${crash.killed} jobs. The state machine does not retry a submit that died (xAI may have started the job);
finalize finds the job's claim and, since the job delivers to S3, follows it on in the bucket instead of failing it:
${sorted(crash.recordedAs).map(([k, v]) => `${v} \`${k}\``).join(', ') || 'none'}, with ${crash.paid} generations paid for
${crash.killed} jobs (none twice).

A start whose answer was lost in another way (a 5xx, a timeout, a dropped connection or an unreadable answer to the
POST) is not sent again either; the job waits for its outputs in the bucket until its deadline (here scaled with the
waits): ${d.recovered} jobs in all were recovered from the bucket, their cost recorded as unknown. Those that still
ended \`XaiOutcomeUnknown\` (${r.answerLost.jobs} jobs, of which xAI had accepted ${r.answerLost.accepted}) are starts xAI
never took: nothing was made, nothing billed, nothing lost.

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
