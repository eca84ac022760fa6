// The local run hands an event file to the state machine as written: exact numbers, and a key twice refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvent, writePayload } from '../lib/event-file.mjs';

test('a number of 10,000 digits reaches the function as written, even after the state machine copied it', () => {
  const digits = '7'.repeat(10_000);
  const event = readEvent(`{"operation":"image_generate","options":{"n":${digits},"ratio":1.50}}`);
  const copied = structuredClone(event);

  assert.equal(writePayload(copied), `{"operation":"image_generate","options":{"n":${digits},"ratio":1.50}}`);
  assert.equal(writePayload({ plain: [1, 'two', null, true] }), '{"plain":[1,"two",null,true]}');
});

test('a key twice in one object is refused by name', () => {
  assert.throws(() => readEvent('{"operation":"image_generate","operation":"video_edit"}'),
    /has the key "operation" twice in one object/);
  assert.throws(() => readEvent('{"inputs":{"image":"a","image":"b"}}'), /has the key "image" twice/);
  assert.throws(() => readEvent('{"operation":'), /is not JSON/);
});
