// The reliability soak, small: every operation through the real state machine and functions, with faults in a
// third of the xAI calls, every event delivered twice, and two submits killed after xAI accepted their jobs.
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
  assert.equal(r.outcomes['failed: Runtime.ExitError'] >= 2, true, 'a killed submit leaves a failed record');
  assert.ok(r.outcomes.succeeded > 0);
  assert.equal(r.recordedTicks, r.billedTicks);
  assert.deepEqual(r.keyFoundIn, []);
});
