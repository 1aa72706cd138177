// A tiny real HTTP receiver standing in for the centre's webhook, and a simulator wired to it.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulator, type SimulatorOptions } from '../src/app.js';

export const platformId = 'gz12345';
export const secret = 'test-secret-0123456789';

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
}

export interface Answer {
  readonly status: number;
  readonly body?: unknown;
}

export interface Teardown {
  teardown(fn: () => unknown): void;
}

/** Answers each request with the next scripted answer, then with 200 and a centre-like answer. */
export async function startReceiver(t: Teardown, script: Answer[] = []) {
  const requests: ReceivedRequest[] = [];
  const queue = [...script];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      const answer = queue.shift() ?? { status: 200, body: { workOrderId: 'wo-1', position: '1/1', duplicate: false } };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    webhookUrl: `http://127.0.0.1:${port}/integrations/12345/${platformId}/messages`,
    requests,
    script: (...answers: Answer[]) => queue.push(...answers),
  };
}

/** A simulator pushing to a fresh receiver, with quick retries. */
export async function simulatorWithReceiver(t: Teardown, options: Partial<SimulatorOptions> = {}, script: Answer[] = []) {
  const receiver = await startReceiver(t, script);
  const simulator = createSimulator({
    platformId,
    secret,
    webhookUrl: receiver.webhookUrl,
    seed: 42,
    retry: { tries: 3, backoffMs: 5, timeoutMs: 2000 },
    ...options,
  });
  t.teardown(() => simulator.close());
  return { simulator, receiver };
}
