// A batch on one machine. The local Step Functions engine (aws-local-stepfunctions) runs Map states over an array
// in the input, but not a Distributed Map's ItemReader (it cannot read the manifest from S3) nor the
// states:startExecution.sync:2 task its item processor is. So the steps of infra/statemachine/imagine-batch.asl.json
// are run here in its order, each through the same function or state machine: Open (the batch function), then the
// item processor for every line (the job state machine, named by the line's job id, at most `concurrency` at a
// time, as MaxConcurrency bounds it), then Close (the batch function). Everything but the Map's reading of the
// manifest is what runs on AWS.
import fs from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { localS3 } from './outputs.mjs';
import { projectRoot } from './artifact.mjs';

export const MANIFEST_BUCKET = 'imagine-inputs';

/** The Map's MaxConcurrency, read from the batch machine's definition. */
export function mapConcurrency(root = projectRoot()) {
  const definition = JSON.parse(fs.readFileSync(path.join(root, 'infra', 'statemachine', 'imagine-batch.asl.json'), 'utf8'));
  return definition.States.Jobs.MaxConcurrency;
}

/**
 * Uploads `file` (JSON Lines) as the manifest s3://imagine-inputs/batches/<name> and runs the batch. `onJob(result)`
 * gets each line's execution as it ends; resolves with the Open's answer, each line's result in line order, and
 * the batch record Close wrote.
 */
export async function runBatch(stack, file, { concurrency = mapConcurrency(), timeScale, onJob = () => {}, id } = {}) {
  const body = fs.readFileSync(file);
  const key = `batches/${path.basename(file)}`;
  await localS3(stack.endpoints.s3).send(new PutObjectCommand({
    Bucket: MANIFEST_BUCKET, Key: key, Body: body, ContentType: 'application/x-ndjson',
  }));
  const opened = await stack.batch({ manifest: `s3://${MANIFEST_BUCKET}/${key}`, ...(id ? { id } : {}) });
  if (opened.duplicate) return { opened, jobs: [], record: null };
  // The Map reads the same object: its lines, in order (Open has checked that each is a JSON object).
  const lines = body.toString('utf8').split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
  const jobs = new Array(lines.length);
  let next = 0;
  const worker = async () => {
    while (next < lines.length) {
      const index = next++;
      // As the item processor's Job state: the job machine's input is the ItemSelector's output.
      const item = { batch: opened.batchId, index, request: JSON.parse(lines[index]) };
      const name = `${opened.batchId}-${index + 1}`;
      let result;
      try {
        result = await stack.run({ batchItem: item }, { timeScale, name });
      } catch (e) {
        // The Job state's Catch: a line whose execution ran before (a re-run in the same process) is not started
        // again; its record is what Close reads.
        if (e.type !== 'ExecutionAlreadyExists') throw e;
        result = { status: 'ALREADY_RAN', jobId: name, record: null };
      }
      jobs[index] = result;
      onJob(result, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, lines.length) }, worker));
  const record = await stack.batch({ close: { batchId: opened.batchId, run: opened.run } });
  return { opened, jobs, record };
}
