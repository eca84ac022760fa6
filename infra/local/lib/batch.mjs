// The batch state machine on one machine. The local Step Functions engine (aws-local-stepfunctions) runs Map states
// over an array in the input, but not a Distributed Map's ItemReader (it cannot read the manifest from S3) nor the
// states:startExecution.sync:2 task that the Map's item processor is. So the local Step Functions API runs
// infra/statemachine/imagine-batch.asl.json's steps here, in its order, each through the same function or state
// machine as on AWS: Open (the batch function), then the item processor for every line of the manifest (an
// execution of the job state machine named by the line's job id, at most MaxConcurrency at a time; a name that
// exists is a line that ran before, as the Job state's Catch has it), then Close (the batch function). Only the
// reading of the manifest's lines is done here instead of by the Map's ItemReader.
import fs from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { localS3 } from './outputs.mjs';
import { projectRoot } from './artifact.mjs';

export const MANIFEST_BUCKET = 'imagine-inputs';

/** The batch machine's definition: its Map's MaxConcurrency is the local run's too. */
export function batchDefinition(root = projectRoot()) {
  return JSON.parse(fs.readFileSync(path.join(root, 'infra', 'statemachine', 'imagine-batch.asl.json'), 'utf8'));
}

/**
 * The batch machine for the local Step Functions API: `invokeBatch(payload)` runs the batch function,
 * `startJob(name, input)` an execution of the job machine (resolving with how it ended), `s3Endpoint` the local S3
 * the manifest is read from. Resolves as an execution does: {status, output} or {status: 'FAILED', error, cause}.
 */
export function localBatchMachine({ invokeBatch, startJob, s3Endpoint, concurrency = batchDefinition().States.Jobs.MaxConcurrency }) {
  return async ({ input, signal }) => {
    try {
      const opened = await invokeBatch(input);
      if (opened.duplicate) return { status: 'SUCCEEDED', output: opened };
      // What the ItemReader reads (InputType JSONL): the manifest's lines, which Open has checked.
      const object = await localS3(s3Endpoint).send(new GetObjectCommand({
        Bucket: opened.manifest.bucket, Key: opened.manifest.key }));
      const lines = (await object.Body.transformToString()).split('\n')
        .filter((line, i, all) => i < all.length - 1 || line !== '');
      let next = 0;
      const worker = async () => {
        while (next < lines.length && !signal?.aborted) {
          const index = next++;
          // The Job state: the job machine's input is the ItemSelector's output; its failure is caught.
          const item = { batch: opened.batchId, index, request: JSON.parse(lines[index]) };
          try {
            await startJob(`${opened.batchId}-${index + 1}`, { batchItem: item });
          } catch (e) {
            if (e.type !== 'ExecutionAlreadyExists') throw e;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, lines.length) }, worker));
      const record = await invokeBatch({ close: { batchId: opened.batchId, run: opened.run } });
      return { status: 'SUCCEEDED', output: record };
    } catch (e) {
      return { status: 'FAILED', error: e.name ?? 'States.TaskFailed', cause: e.message };
    }
  };
}

/**
 * Puts `file` (JSON Lines) in the local S3 as s3://imagine-inputs/batches/<name> and runs the batch machine on it
 * through the local Step Functions API, as the S3 trigger would. Resolves with the execution's outcome, the batch
 * record (or the Open's answer, when the batch was running already) and the results manifest's records, in line
 * order.
 */
export async function runBatch(stack, file, { id } = {}) {
  const key = `batches/${path.basename(file)}`;
  const s3 = localS3(stack.endpoints.s3);
  await s3.send(new PutObjectCommand({
    Bucket: MANIFEST_BUCKET, Key: key, Body: fs.readFileSync(file), ContentType: 'application/x-ndjson' }));
  const outcome = await stack.startBatch({ manifest: `s3://${MANIFEST_BUCKET}/${key}`, ...(id ? { id } : {}) });
  if (outcome.status !== 'SUCCEEDED') return { outcome, record: null, results: [] };
  const record = outcome.output;
  if (!record.results) return { outcome, record, results: [] };
  const [, bucket, resultsKey] = /^s3:\/\/([^/]+)\/(.+)$/.exec(record.results);
  const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: resultsKey }))).Body.transformToString();
  return { outcome, record, results: body.trim().split('\n').map((line) => JSON.parse(line)) };
}
