// A small webhook receiver for trying the local API: prints one line per delivery, after checking its signature.
// Usage: node infra/local/webhook-receiver.mjs [--port N] [--fail-rate F] (infra/local/webhook-receiver --help).
import { parseArgs } from 'node:util';
import { numberOption, UsageError } from './lib/cli.mjs';
import { LOCAL_WEBHOOK_SECRET } from './lib/environment.mjs';
import { startReceiver } from './lib/webhook-receiver.mjs';

const USAGE = `usage: infra/local/webhook-receiver [options]

Receives the webhooks of infra/local/serve's jobs: checks each one's signature (Standard Webhooks, with the local
secret, or IMAGINE_WEBHOOK_SECRET when set, as serve does), answers 204, and prints one JSON line per delivery.
The first line is "listening on http://127.0.0.1:N": give that URL as a job request's webhook.url.

  --port N          the port (default 0: a free one)
  --fail-rate F     answer this share of the deliveries 500, to watch them retried (default 0)
  -h, --help        this text`;

async function main() {
  let values;
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'fail-rate': { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h' } } }));
    if (values.help) {
      console.log(USAGE);
      return;
    }
    const receiver = await startReceiver({
      port: numberOption(values, 'port', { min: 0, max: 65535, integer: true }),
      failRate: numberOption(values, 'fail-rate', { min: 0, max: 1 }),
      secret: LOCAL_WEBHOOK_SECRET,
      onDelivery: ({ job, ...delivery }) => console.log(JSON.stringify(delivery)),
    });
    console.log(`listening on ${receiver.url}`);
    const stop = () => receiver.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (e) {
    if (!(e instanceof UsageError) && e.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw e;
    console.error(`${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
  }
}

main();
