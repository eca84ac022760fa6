// A webhook receiver as a user would write one: it checks each delivery's Standard Webhooks signature with the
// reference library (standardwebhooks), answers 204, and counts each webhook-id once however often it comes.
// `failRate` (0 to 1) answers that share of the deliveries 500, before reading them, for the retries to show.
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

export async function startReceiver({ port = 0, secret, failRate = 0, random = Math.random, onDelivery = () => {} }) {
  const verifier = new Webhook(secret);
  const seen = new Map();
  let failed = 0;
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    if (failRate > 0 && random() < failRate) {
      failed += 1;
      res.writeHead(500).end('try again later');
      return;
    }
    const body = Buffer.concat(chunks).toString('utf8');
    let job;
    try {
      job = verifier.verify(body, {
        'webhook-id': req.headers['webhook-id'],
        'webhook-timestamp': req.headers['webhook-timestamp'],
        'webhook-signature': req.headers['webhook-signature'],
      });
    } catch (e) {
      onDelivery({ verified: false, webhookId: req.headers['webhook-id'], error: e.message });
      res.writeHead(401).end('bad signature');
      return;
    }
    const id = req.headers['webhook-id'];
    const repeat = seen.has(id);
    seen.set(id, job);
    onDelivery({ verified: true, repeat, webhookId: id, jobId: job.jobId, status: job.status, progress: job.progress,
      job });
    res.writeHead(204).end();
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Each webhook-id taken, with the job its last delivery carried. */
    seen,
    get failed() {
      return failed;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
