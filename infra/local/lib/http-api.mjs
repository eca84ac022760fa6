// API Gateway's HTTP API on this machine: a plain HTTP request becomes the payload 2.0 event API Gateway would
// give the api function (route key, path parameters, query, headers, body), and the function's answer the response.
// No auth is checked here: deployed, the API takes SigV4-signed calls only (IAM auth).
import crypto from 'node:crypto';
import http from 'node:http';

// The routes of infra/api/openapi.yaml, as infra/template.yaml gives them to the api function.
const ROUTES = [
  { key: 'POST /jobs', pattern: /^\/jobs\/?$/, method: 'POST' },
  { key: 'GET /jobs', pattern: /^\/jobs\/?$/, method: 'GET' },
  { key: 'GET /jobs/{id}', pattern: /^\/jobs\/([^/]+)\/?$/, method: 'GET' },
  { key: 'POST /jobs/{id}/cancel', pattern: /^\/jobs\/([^/]+)\/cancel\/?$/, method: 'POST' },
];

/** The payload 2.0 event of one request. */
export function httpApiEvent({ method, url, headers, body, sourceIp = '127.0.0.1' }) {
  const parsed = new URL(url, 'http://localhost');
  const route = ROUTES.find((r) => r.method === method && r.pattern.test(parsed.pathname));
  const id = route?.pattern.exec(parsed.pathname)?.[1];
  const query = {};
  for (const [name, value] of parsed.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const text = body.length === 0 ? undefined : body.toString('utf8');
  const binary = text !== undefined && !Buffer.from(text, 'utf8').equals(body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: route?.key ?? '$default',
    rawPath: parsed.pathname,
    rawQueryString: parsed.search.replace(/^\?/, ''),
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v].flat().join(',')])),
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(id !== undefined ? { pathParameters: { id: decodeURIComponent(id) } } : {}),
    requestContext: {
      accountId: '000000000000', apiId: 'local', domainName: headers.host ?? 'localhost', domainPrefix: 'local',
      http: { method, path: parsed.pathname, protocol: 'HTTP/1.1', sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: crypto.randomUUID(), routeKey: route?.key ?? '$default', stage: '$default',
      time: now.toUTCString(), timeEpoch: now.getTime(),
    },
    ...(text !== undefined ? { body: binary ? body.toString('base64') : text, isBase64Encoded: binary } : {}),
  };
}

/**
 * Serves `invoke(event)` (the api function) on 127.0.0.1:`port`; `onRequest(line)` hears of each request.
 * Resolves with the server and its URL.
 */
export async function serveHttpApi({ port, invoke, onRequest = () => {} }) {
  const server = http.createServer(async (req, res) => {
    const started = performance.now();
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    let answer;
    try {
      answer = await invoke(httpApiEvent({ method: req.method, url: req.url, headers: req.headers,
        body: Buffer.concat(chunks), sourceIp: req.socket.remoteAddress }));
    } catch (e) {
      // API Gateway's answer when the function fails: its own error, never the function's.
      answer = { statusCode: 500, headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ message: 'Internal Server Error' }) };
      onRequest(`${req.method} ${req.url}: the api function failed: ${e.message}`);
    }
    const body = answer.isBase64Encoded ? Buffer.from(answer.body ?? '', 'base64') : Buffer.from(answer.body ?? '', 'utf8');
    res.writeHead(answer.statusCode ?? 200, { ...answer.headers, 'Content-Length': body.length });
    res.end(body);
    onRequest(`${req.method} ${req.url} ${answer.statusCode} (${Math.round(performance.now() - started)} ms)`);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}
