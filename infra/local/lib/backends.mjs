// The stand-ins the functions talk to, in one Java process from the test tree: DynamoDB Local with the job
// table, a real S3 API (S3Proxy) holding infra/local/media/s3 and the output bucket, and (unless a real xAI is used) the xAI simulator holding
// infra/local/media/files. It prints its endpoints as one JSON line and ends when its standard input closes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { backendsClasspath } from './artifact.mjs';
import { OUTPUT_BUCKET } from './environment.mjs';

export async function startBackends({ root, table, simulator, imageReadyMs, videoReadyMs, simulatorOptions: options,
  logFile }) {
  const media = path.join(root, 'infra', 'local', 'media');
  const args = ['-XX:TieredStopAtLevel=1', '-cp', backendsClasspath(root), 'io.imagineflow.local.LocalBackends',
    '--table', table, '--s3', path.join(media, 's3'), '--buckets', OUTPUT_BUCKET,
    '--s3proxy-jar', path.join(root, 'target', 's3proxy', 's3proxy.jar')];
  if (simulator) {
    args.push('--xai-simulator', '--files', path.join(media, 'files'),
      '--image-ready-ms', String(Math.round(imageReadyMs)), '--video-ready-ms', String(Math.round(videoReadyMs)));
    if (options?.apiKey) args.push('--api-key', options.apiKey);
    if (options?.rate) {
      args.push('--fault-rate', String(options.rate), '--seed', String(options.seed ?? 1));
      if (options.kinds) args.push('--faults', options.kinds.join(','));
      if (options.slowResponseMs) args.push('--slow-response-ms', String(options.slowResponseMs));
    }
  }
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  child.stderr.pipe(log);
  const lines = readline.createInterface({ input: child.stdout });
  // DynamoDB Local prints its configuration first; the endpoints are the one JSON line.
  const endpoints = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the local stand-ins exited (${code}); their log: ${logFile}`)));
    const onLine = (line) => {
      if (!line.startsWith('{')) {
        log.write(`${line}\n`);
        return;
      }
      lines.off('line', onLine);
      resolve(JSON.parse(line));
    };
    lines.on('line', onLine);
  }).catch((e) => {
    child.kill('SIGKILL');
    throw e;
  });
  lines.on('line', (line) => log.write(`${line}\n`));
  return {
    endpoints,
    async stop() {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
      log.end();
    },
  };
}
