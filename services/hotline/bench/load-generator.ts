// The second process of `pnpm bench:hotline`: autocannon against the running service, every request a
// new message. Given its task as JSON in argv[2]; prints one line `RESULT <json>` when done.
//  - webhook: a NEW signed order.dispatched message per request (new order number and message id)
//  - reply:   a reply (办结) to the next pre-created signed-for order, one reply per order
//  - floor:   the webhook's message, unsigned, to the append floor (append-floor.ts)
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { messageIdHeader, signingHeaders } from '@bureau/hotline-protocol/signing';
import { webhookPath } from '@bureau/hotline-protocol/messages';

type Task =
  | { kind: 'webhook'; url: string; connections: number; seconds: number; platformId: string; secret: string; orderPrefix: string }
  | { kind: 'reply'; url: string; connections: number; seconds: number; token: string; idsFile: string }
  | { kind: 'floor'; url: string; connections: number; seconds: number; orderPrefix: string };

const task: Task = JSON.parse(process.argv[2] ?? '{}');

function dispatchMessage(orderPrefix: string, n: number) {
  return {
    messageId: randomUUID(),
    type: 'order.dispatched',
    orderNo: `${orderPrefix}${String(n).padStart(9, '0')}`,
    occurredAt: new Date().toISOString(),
    data: { category: 'consultation', citizen: { name: '测试', phone: '13800000000' }, content: '咨询劳动合同解除的补偿标准', role: 'lead' },
  };
}

function webhookRequest(spec: Extract<Task, { kind: 'webhook' }>): autocannon.Request {
  let n = 0;
  return {
    method: 'POST',
    path: webhookPath(spec.platformId),
    setupRequest(request) {
      n += 1;
      const message = dispatchMessage(spec.orderPrefix, n);
      const body = JSON.stringify(message);
      return {
        ...request,
        body,
        headers: { 'content-type': 'application/json', [messageIdHeader]: message.messageId, ...signingHeaders(spec.platformId, spec.secret, body, new Date()) },
      };
    },
  };
}

function replyRequest(spec: Extract<Task, { kind: 'reply' }>): autocannon.Request {
  const ids: string[] = JSON.parse(readFileSync(spec.idsFile, 'utf8'));
  let n = 0;
  return {
    method: 'POST',
    setupRequest(request) {
      // Out of orders: reply again to the last one; the 422s show in the non-2xx count.
      const id = ids[Math.min(n, ids.length - 1)];
      n += 1;
      return {
        ...request,
        path: `/work-orders/${id}/reply`,
        body: JSON.stringify({ commandId: randomUUID(), answer: '已电话答复：依法可协商解除并支付经济补偿。' }),
        headers: { 'content-type': 'application/json', authorization: spec.token },
      };
    },
  };
}

function floorRequest(spec: Extract<Task, { kind: 'floor' }>): autocannon.Request {
  let n = 0;
  return {
    method: 'POST',
    path: '/floor',
    setupRequest(request) {
      n += 1;
      return { ...request, body: JSON.stringify(dispatchMessage(spec.orderPrefix, n)), headers: { 'content-type': 'application/json' } };
    },
  };
}

const requests = { webhook: webhookRequest, reply: replyRequest, floor: floorRequest } as const;
const cpuBefore = process.cpuUsage();
const result = await autocannon({
  url: task.url,
  connections: task.connections,
  duration: task.seconds,
  requests: [(requests[task.kind] as (spec: Task) => autocannon.Request)(task)],
});

process.stdout.write(
  `RESULT ${JSON.stringify({
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    statusCodes: result.statusCodeStats ?? {},
    // This process's own CPU time over the run: the load shares the machine with the service.
    cpuMs: Math.round((process.cpuUsage(cpuBefore).user + process.cpuUsage(cpuBefore).system) / 1000),
  })}\n`,
);
