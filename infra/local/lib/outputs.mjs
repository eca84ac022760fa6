// Saves a job's outputs under <root>/<job id>/: from the delivery bucket when the output was delivered to S3, else
// from its URL, else from its xAI file's content.
// Every path is built from the job id (checked to be one of ours) and the output's index, never from a name that
// came back in a record (a filename, a URL): a record is data from the outside and may name '../../x'.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

const EXTENSIONS = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'video/mp4': 'mp4' };

// What EventTranslator makes: a prefix and a hex digest, or an idempotency key's characters.
const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The folder of one job's outputs under root; refuses a job id that could name anything else. */
export function jobFolder(root, jobId) {
  if (typeof jobId !== 'string' || !JOB_ID.test(jobId) || jobId.includes('..')) {
    throw new Error(`the record's job id ${JSON.stringify(jobId)} is not a job id; nothing was saved`);
  }
  return path.join(root, jobId);
}

/** The file of output i: its index and the extension of its media type, nothing else. */
export function outputFile(dir, i, mediaType) {
  return path.join(dir, `${i}.${EXTENSIONS[mediaType] ?? 'bin'}`);
}

/** A client of the local S3 server, signed as the functions are. */
export function localS3(endpoint) {
  return new S3Client({
    endpoint, region: 'us-east-1', forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

export async function saveOutputs(record, root, { xaiBaseUrl, xaiApiKey, s3Endpoint }) {
  const dir = jobFolder(root, record.jobId);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'record.json'), `${JSON.stringify(record, null, 2)}\n`);
  const saved = [];
  const s3 = s3Endpoint ? localS3(s3Endpoint) : null;
  for (const [i, output] of (record.outputs ?? []).entries()) {
    if (output.s3 && s3) {
      const object = await s3.send(new GetObjectCommand({ Bucket: output.s3.bucket, Key: output.s3.key }));
      const file = outputFile(dir, i, output.s3.contentType ?? object.ContentType);
      await pipeline(object.Body, fs.createWriteStream(file));
      saved.push(file);
      continue;
    }
    let response = null;
    if (output.url) {
      response = await fetch(output.url);
    } else if (output.fileId) {
      response = await fetch(`${xaiBaseUrl}/v1/files/${encodeURIComponent(output.fileId)}/content`,
        { headers: { Authorization: `Bearer ${xaiApiKey}` } });
    }
    if (!response) continue;
    if (!response.ok) throw new Error(`could not download output ${i}: HTTP ${response.status}`);
    const type = output.mediaType ?? response.headers.get('content-type')?.split(';')[0];
    const file = outputFile(dir, i, type);
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    saved.push(file);
  }
  return saved;
}
