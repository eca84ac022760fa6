// bench/load's counting proxy before DynamoDB Local, in a worker thread of its own so that its forwarding does not
// wait on the bench's event loop (the state machines of hundreds of executions). Each request's operation, and the
// capacity DynamoDB says it consumed: the proxy asks for it with ReturnConsumedCapacity, which changes nothing else
// (DynamoDB Local does not check request signatures). On-demand bills a write request unit per 1 KB written and a
// read request unit per 4 KB read strongly (half eventually): what ConsumedCapacity reports.
import http from 'node:http';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

/** Starts the proxy's worker; resolves with its URL, setTarget(url), counts() (a promise), reset() and close(). */
export async function dynamoCounter() {
  const worker = new Worker(new URL(import.meta.url));
  const replies = new Map();
  let next = 0;
  worker.on('message', ({ id, value }) => { replies.get(id)?.(value); replies.delete(id); });
  const ask = (type, value) => new Promise((resolve) => {
    const id = next++;
    replies.set(id, resolve);
    worker.postMessage({ id, type, value });
  });
  const url = await ask('listen');
  return {
    url,
    setTarget: (target) => ask('target', target),
    counts: () => ask('counts'),
    reset: () => ask('reset'),
    close: async () => { await ask('close'); await worker.terminate(); },
  };
}

if (!isMainThread) {
  let target = null;
  let ready;
  const targetSet = new Promise((resolve) => { ready = resolve; });
  let counts = { requests: {}, readUnits: 0, writeUnits: 0 };
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    await targetSet;
    const op = String(req.headers['x-amz-target'] ?? '').split('.').pop();
    let body = Buffer.concat(chunks);
    try {
      const json = JSON.parse(body.toString('utf8'));
      if (json && typeof json === 'object' && !json.ReturnConsumedCapacity) {
        json.ReturnConsumedCapacity = 'TOTAL';
        body = Buffer.from(JSON.stringify(json));
      }
    } catch { /* not JSON: forwarded as it is */ }
    const headers = { ...req.headers, 'content-length': String(body.length), host: new URL(target).host };
    const answer = await fetch(target + req.url, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
    const text = Buffer.from(await answer.arrayBuffer());
    counts.requests[op] = (counts.requests[op] ?? 0) + 1;
    try {
      const consumed = JSON.parse(text.toString('utf8')).ConsumedCapacity;
      for (const c of [consumed].flat().filter(Boolean)) {
        const units = c.CapacityUnits ?? 0;
        if (['GetItem', 'Query', 'Scan', 'BatchGetItem'].includes(op)) counts.readUnits += units;
        else counts.writeUnits += units;
      }
    } catch { /* an error answer: nothing consumed */ }
    const out = Object.fromEntries([...answer.headers]
      .filter(([k]) => !['content-length', 'content-encoding', 'transfer-encoding'].includes(k)));
    res.writeHead(answer.status, { ...out, 'content-length': String(text.length) });
    res.end(text);
  });
  parentPort.on('message', async ({ id, type, value }) => {
    if (type === 'listen') {
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      parentPort.postMessage({ id, value: `http://127.0.0.1:${server.address().port}` });
    } else if (type === 'target') {
      target = value;
      ready();
      parentPort.postMessage({ id });
    } else if (type === 'counts') {
      parentPort.postMessage({ id, value: counts });
    } else if (type === 'reset') {
      counts = { requests: {}, readUnits: 0, writeUnits: 0 };
      parentPort.postMessage({ id });
    } else if (type === 'close') {
      server.closeAllConnections?.();
      server.close(() => parentPort.postMessage({ id }));
    }
  });
}
