// Saves a job's outputs under out/<job id>/: each output's URL when it has one, else its xAI file's content.
import fs from 'node:fs';
import path from 'node:path';

const EXTENSIONS = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'video/mp4': 'mp4' };

export async function saveOutputs(record, dir, { xaiBaseUrl, xaiApiKey }) {
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
    const name = output.filename ?? `output-${i + 1}.${EXTENSIONS[type] ?? 'bin'}`;
    const file = path.join(dir, record.outputs.length > 1 ? `${i + 1}-${name}` : name);
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    saved.push(file);
  }
  return saved;
}
