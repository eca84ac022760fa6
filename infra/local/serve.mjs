// The job API on this machine: infra/api/openapi.yaml over the real functions, state machines, DynamoDB Local,
// S3 and the xAI simulator. Usage and options: node serve.mjs --help (or infra/local/serve --help).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from './lib/artifact.mjs';
import { numberOption, runCommand, UsageError } from './lib/cli.mjs';
import { serveHttpApi } from './lib/http-api.mjs';
import { startStack } from './lib/stack.mjs';

const USAGE = `usage: infra/local/serve [options]

Serves the job API (infra/api/openapi.yaml: POST /jobs, GET /jobs/{id}, GET /jobs, POST /jobs/{id}/cancel) on
127.0.0.1 over the same functions, state machines (jobs and webhooks), DynamoDB Local, S3 and xAI simulator as
infra/local/run-job; XAI_API_KEY or XAI_BASE_URL as there. The first line printed is "listening on
http://127.0.0.1:N"; then one line per request. Stop it with Ctrl-C.

Locally the API takes calls without auth (deployed, IAM auth: SigV4-signed calls only), and a webhook may go to
a plain-http receiver on 127.0.0.1 (deployed, https URLs of public hosts only). Webhooks are signed with
IMAGINE_WEBHOOK_SECRET, or the local secret that infra/local/webhook-receiver checks.

  --port N              the port (default 8080; 0 picks a free one)
  --time-scale F        wait F times as long as a job state asks (default 1: real time; 0.1 is ten times faster)
  --runtime R           auto (native when built, else jvm), jvm or native
  --out DIR             where the functions' logs go (default: out/)
  -h, --help            this text`;

async function main() {
  let values;
  let port;
  let timeScale;
  try {
    ({ values } = parseArgs({ options: {
      port: { type: 'string', default: '8080' },
      'time-scale': { type: 'string', default: '1' },
      runtime: { type: 'string', default: 'auto' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    } }));
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    port = numberOption(values, 'port', { min: 0, max: 65535, integer: true });
    timeScale = numberOption(values, 'time-scale', { min: 0.001, max: 1 });
    if (!['auto', 'jvm', 'native'].includes(values.runtime)) throw new UsageError(`--runtime ${values.runtime}: auto, jvm or native`);
  } catch (e) {
    if (!(e instanceof UsageError) && e.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw e;
    console.error(`${e.message}\n\n${USAGE}`);
    return 2;
  }
  const xai = process.env.XAI_API_KEY || process.env.XAI_BASE_URL
    ? { baseUrl: process.env.XAI_BASE_URL || 'https://api.x.ai', apiKey: process.env.XAI_API_KEY || 'none' }
    : null;
  const root = projectRoot();
  // stdout's first line is the address: what starts the stack speaks on stderr.
  const say = (line) => console.error(line);
  say(`xAI: ${xai ? xai.baseUrl : 'the built-in simulator'}`);
  const stack = await startStack({
    runtime: values.runtime,
    xai,
    // As long as xAI takes, about, so that GET /jobs/{id} shows a video's progress over several polls.
    imageReadyMs: 8000 * timeScale,
    videoReadyMs: 60000 * timeScale,
    logDir: path.join(path.resolve(values.out ?? path.join(root, 'out')), 'logs'),
    log: say,
    warm: ['api', 'submit', 'poll', 'finalize', 'webhook'],
    timeScale,
  });
  let served;
  try {
    served = await serveHttpApi({ port, invoke: (event) => stack.api(event), onRequest: (line) => console.log(line) });
  } catch (e) {
    await stack.stop();
    console.error(`cannot listen on 127.0.0.1:${port}: ${e.message}`);
    return 2;
  }
  console.log(`listening on ${served.url}`);
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await new Promise((resolve) => served.server.close(resolve));
  await stack.stop();
  return 0;
}

runCommand(main);
