// One try against a real local HTTP server: what each kind of answer (or silence) becomes, and that
// tries share kept-alive connections.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate } from 'node:timers/promises';
import { idempotencyKeyHeader } from '@bureau/hotline-protocol/messages';
import { signatureHeader, timestampHeader } from '@bureau/hotline-protocol/signing';
import t from 'tap';
import { callPlatform, type PlatformCall } from '../../src/outbox/platform-call.js';

async function platform(t: { teardown(fn: () => unknown): void }, handle: (request: IncomingMessage, body: string, response: ServerResponse) => void) {
  let connections = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => handle(request, body, response));
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

const call = (baseUrl: string, overrides: Partial<PlatformCall> = {}): PlatformCall => ({
  platformId: 'gz12345',
  endpoint: { baseUrl, secret: 'platform-call-test-secret-0123456789' },
  orderNo: 'GZ0001',
  action: 'replies',
  body: JSON.stringify({ answer: '已答复' }),
  idempotencyKey: 'key-1',
  now: new Date(),
  timeoutMs: 2_000,
  signal: new AbortController().signal,
  ...overrides,
});

t.test('a 2xx answer: status and parsed body; the request is signed and keyed', async (t) => {
  const seen: Array<{ url: string | undefined; headers: IncomingMessage['headers']; body: string }> = [];
  const { baseUrl, connections } = await platform(t, (request, body, response) => {
    seen.push({ url: request.url, headers: request.headers, body });
    response.writeHead(202, { 'content-type': 'application/json' }).end('{"receiptId":"R1"}');
  });
  t.same(await callPlatform(call(baseUrl)), { kind: 'answered', status: 202, body: { receiptId: 'R1' } });
  // The outbox records each outcome in PostgreSQL before its next try; undici frees a connection for
  // reuse only after the answer's last byte has been handled, a turn of the event loop later.
  await setImmediate();
  t.same(await callPlatform(call(baseUrl, { idempotencyKey: 'key-2' })), { kind: 'answered', status: 202, body: { receiptId: 'R1' } });
  t.equal(seen[0]?.body, JSON.stringify({ answer: '已答复' }), 'the body as given (UTF-8)');
  t.equal(seen[0]?.headers[idempotencyKeyHeader], 'key-1');
  t.equal(seen[1]?.headers[idempotencyKeyHeader], 'key-2');
  t.match(seen[0]?.headers[signatureHeader], /^v1=[0-9a-f]{64}$/);
  t.ok(seen[0]?.headers[timestampHeader]);
  t.match(seen[0]?.url, /GZ0001/);
  t.equal(connections(), 1, 'the second try reused the first one\'s connection');
});

t.test('answers that are not JSON, and long ones, are kept as text, cut at 4,096 characters', async (t) => {
  const long = 'x'.repeat(100_000);
  const { baseUrl } = await platform(t, (request, _body, response) => {
    response.writeHead(request.url?.includes('LONG') ? 500 : 400).end(request.url?.includes('LONG') ? long : 'bad order');
  });
  t.same(await callPlatform(call(baseUrl)), { kind: 'answered', status: 400, body: { text: 'bad order' } });
  const cut = await callPlatform(call(baseUrl, { orderNo: 'LONG1' }));
  t.same(cut, { kind: 'answered', status: 500, body: { text: 'x'.repeat(4_096) } });
  t.same(await callPlatform(call(baseUrl)), { kind: 'answered', status: 400, body: { text: 'bad order' } }, 'and the next try still works');
});

t.test('silence past the timeout, a refused connection, an abort', async (t) => {
  const { baseUrl } = await platform(t, () => undefined);
  const started = Date.now();
  t.same(await callPlatform(call(baseUrl, { timeoutMs: 150 })), { kind: 'no_answer', error: 'timeout after 150 ms' });
  t.ok(Date.now() - started < 1_500, 'gave up at the timeout');
  // A port nobody listens on: the error's code only, never the URL.
  t.same(await callPlatform(call('http://127.0.0.1:1')), { kind: 'no_answer', error: 'network: ECONNREFUSED' });
  const stop = new AbortController();
  setTimeout(() => stop.abort(), 50);
  t.same(await callPlatform(call(baseUrl, { signal: stop.signal })), { kind: 'aborted' });
});
