// The reliability soak, small: every operation through the real state machine and functions, with faults in a
// third of the xAI calls, every event delivered twice, two submits killed after xAI accepted their jobs, and a
// webhook receiver that fails 30% of the deliveries. Every
// job delivers to the local bucket (the local run's default), so a killed submit or a lost answer is recovered.
// The full soak (bench/soak, 2,000 jobs) writes bench/RELIABILITY.md.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OPERATIONS, soak } from '../testing/soak.mjs';

test('no job lost, none paid twice, costs as billed, and the key nowhere, under faults, duplicates and crashes', async () => {
  const r = await soak({ jobs: 4 * OPERATIONS.length, faultRate: 0.3, seed: 7, forcedStalls: 2, environments: 2,
    inFlight: 16, runtime: process.env.IMAGINE_LOCAL_RUNTIME ?? 'auto' });

  assert.deepEqual(r.problems, []);
  assert.equal(r.passed, true);
  assert.equal(r.records, r.jobs, 'one record per job');
  assert.equal(r.executions, 2 * r.jobs, 'every event delivered twice');
  assert.ok(Object.keys(r.byOperation).length === OPERATIONS.length);
  assert.ok(r.faults >= 0.1 * r.xaiCalls, `${r.faults} faults in ${r.xaiCalls} calls`);
  assert.ok(r.crashWindow.killed >= 2, `${r.crashWindow.killed} submits killed in the crash window`);
  assert.equal(r.crashWindow.paid, r.crashWindow.killed, 'each killed submit paid for one generation, not two');
  assert.equal(r.crashWindow.recordedAs.succeeded, r.crashWindow.killed, 'a killed submit is recovered from the bucket');
  assert.equal(r.delivery.paidResultsLost, 0, 'no paid result lost');
  assert.ok(r.delivery.recovered >= r.crashWindow.killed, `${r.delivery.recovered} jobs recovered`);
  assert.ok(r.delivery.byArrival.xai_upload > 0, 'outputs uploaded by xAI');
  assert.equal(r.delivery.byArrival['not delivered'] ?? 0, 0, 'every output of a succeeded job is in the bucket');
  assert.equal(r.delivery.directPathBytes, 0, 'no byte of a directly delivered output passed through a function');
  assert.ok(r.outcomes.succeeded > 0);
  assert.equal(r.recordedTicks, r.billedKnownTicks, 'recorded costs add up to what was billed, where known');
  assert.deepEqual(r.keyFoundIn, []);
  assert.equal(r.webhooks.lost, 0, 'every ended job\'s completed webhook arrived');
  assert.equal(r.webhooks.delivered, r.records);
  assert.ok(r.webhooks.receiverFailed > 0, 'the receiver failed deliveries, which were retried');
});
