// The floor under the endpoints: an HTTP route that does nothing but append the request's body as one
// event to a new stream (no signature, validation, decision, read model, outbox or log line) through
// the event store made as the service makes it, group commit's batches in flight included (the
// service keeps one, the store's own default is two; under HTTP load that alone moved this floor by a
// fifth or more), under the same load from the same second process. It shows what an endpoint doing
// no work of its own reaches on this machine, where the load generator, the service and PostgreSQL
// share the cores; the endpoints are reported against it too.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { JsonObject } from '@bureau/event-store';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import Fastify from 'fastify';

export interface AppendFloor {
  readonly url: string;
  close(): Promise<void>;
}

export async function startAppendFloor(connectionString: string, commitsInFlight: number): Promise<AppendFloor> {
  const store = await createPostgresEventStore({ connectionString, migrate: false, groupCommit: { maxInFlight: commitsInFlight } });
  const app = Fastify({ logger: false });
  app.post('/floor', async (request, reply) => {
    const result = await store.appendToStream(`floor-${randomUUID()}`, [{ type: 'FloorNoted', data: request.body as JsonObject }], { expectedRevision: 'no_stream' });
    return reply.code(201).send({ revision: result.nextExpectedRevision.toString() });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
