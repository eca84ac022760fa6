// The Lambda Runtime API, as a function's runtime sees it on AWS: the function process long-polls
// GET .../invocation/next for an event and answers with POST .../response or .../error. One emulator serves one
// function process, one invocation at a time, as one Lambda execution environment does.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { writePayload } from './event-file.mjs';

const PREFIX = '/2018-06-01/runtime';

/** A function's failure as Step Functions reports it: the name is Lambda's errorType, the cause its error JSON. */
export class LambdaFunctionError extends Error {
  constructor(errorType, body) {
    super(JSON.stringify(body));
    this.name = errorType;
    this.body = body;
  }
}

export class RuntimeApi {
  #server;
  #queue = [];
  #waiting = null;
  #inFlight = new Map();
  #firstPoll = Promise.withResolvers();

  constructor({ functionArn, timeoutMs }) {
    this.functionArn = functionArn;
    this.timeoutMs = timeoutMs;
    this.initError = null;
  }

  async listen() {
    this.#server = http.createServer((req, res) => this.#route(req, res).catch((e) => {
      res.writeHead(500).end(String(e));
    }));
    await new Promise((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${this.#server.address().port}`;
  }

  /** Resolves (with performance.now()) when the runtime first asks for an event: the end of its cold start. */
  get ready() {
    return this.#firstPoll.promise;
  }

  /** Queues one event; resolves with the function's answer or rejects with a LambdaFunctionError. */
  invoke(payload) {
    const invocation = { id: randomUUID(), payload, ...Promise.withResolvers() };
    this.#queue.push(invocation);
    this.#dispatch();
    return invocation.promise;
  }

  /** The payload of the invocation the runtime is working on, if any. */
  get running() {
    const [invocation] = this.#inFlight.values();
    return invocation?.payload;
  }

  /** Fails what is queued or running: the runtime process is gone. */
  failAll(errorType, message) {
    const pending = [...this.#queue, ...this.#inFlight.values()];
    this.#queue = [];
    this.#inFlight.clear();
    for (const invocation of pending) {
      clearTimeout(invocation.timer);
      invocation.reject(new LambdaFunctionError(errorType, { errorType, errorMessage: message }));
    }
    this.#firstPoll.reject(new Error(message));
    this.#firstPoll.promise.catch(() => {});
  }

  /** A new execution environment after a crash: the next runtime's start is a cold start again. */
  reset() {
    this.#firstPoll = Promise.withResolvers();
    this.#waiting = null;
    this.initError = null;
  }

  async close() {
    this.#server.closeAllConnections?.();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #dispatch() {
    if (!this.#waiting || this.#queue.length === 0) return;
    const res = this.#waiting;
    this.#waiting = null;
    const invocation = this.#queue.shift();
    const deadline = Date.now() + this.timeoutMs;
    invocation.timer = setTimeout(() => {
      if (!this.#inFlight.delete(invocation.id)) return;
      invocation.reject(new LambdaFunctionError('Sandbox.Timedout', {
        errorType: 'Sandbox.Timedout',
        errorMessage: `Task timed out after ${(this.timeoutMs / 1000).toFixed(2)} seconds`,
      }));
      this.onTimeout?.();
    }, this.timeoutMs);
    this.#inFlight.set(invocation.id, invocation);
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': invocation.id,
      'Lambda-Runtime-Deadline-Ms': String(deadline),
      'Lambda-Runtime-Invoked-Function-Arn': this.functionArn,
      'Lambda-Runtime-Trace-Id': `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replaceAll('-', '').slice(0, 24)};Sampled=0`,
    });
    // Written losslessly: an event's 10,000-digit number reaches the function as it was given (see event-file.mjs).
    res.end(writePayload(invocation.payload));
  }

  async #route(req, res) {
    const body = await readBody(req);
    const path = req.url.split('?')[0];
    if (req.method === 'GET' && path === `${PREFIX}/invocation/next`) {
      this.#firstPoll.resolve(performance.now());
      this.#waiting = res;
      res.on('close', () => {
        if (this.#waiting === res) this.#waiting = null;
      });
      this.#dispatch();
      return;
    }
    const answer = path.match(/^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/);
    if (req.method === 'POST' && answer) {
      const invocation = this.#inFlight.get(answer[1]);
      if (!invocation) {
        res.writeHead(400, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ errorType: 'InvalidRequestID', errorMessage: 'unknown or finished request id' }));
        return;
      }
      this.#inFlight.delete(answer[1]);
      clearTimeout(invocation.timer);
      res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"status":"OK"}');
      if (answer[2] === 'response') {
        invocation.resolve(body.length === 0 ? null : JSON.parse(body));
      } else {
        const error = parseError(body, req.headers['lambda-runtime-function-error-type']);
        invocation.reject(new LambdaFunctionError(error.errorType, error));
      }
      return;
    }
    if (req.method === 'POST' && path === `${PREFIX}/init/error`) {
      this.initError = parseError(body, req.headers['lambda-runtime-function-error-type']);
      res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"status":"OK"}');
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ errorType: 'NotFound', errorMessage: `${req.method} ${path}` }));
  }
}

function parseError(body, headerType) {
  let error;
  try {
    error = JSON.parse(body);
  } catch {
    error = { errorMessage: body };
  }
  if (!error || typeof error !== 'object') error = { errorMessage: String(body) };
  // Lambda names an error without a type "Unhandled", and so does Step Functions' lambda:invoke.
  error.errorType = error.errorType || headerType || 'Unhandled';
  return error;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
