// Saves a job's outputs under <root>/<job id>/: each output's URL when it has one, else its xAI file's content.
// Every path is built from the job id (checked to be one of ours) and the output's index, never from a name that
// came back in a record (a filename, a URL): a record is data from the outside and may name '../../x'.
import fs from 'node:fs';
import path from 'node:path';

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

export async function saveOutputs(record, root, { xaiBaseUrl, xaiApiKey }) {
  const dir = jobFolder(root, record.jobId);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'record.json'), `${JSON.stringify(record, null, 2)}\n`);
  const saved = [];
  for (const [i, output] of (record.outputs ?? []).entries()) {
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
