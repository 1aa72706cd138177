// The outbox (发件箱) to the 12345 platform: sign-for, return requests, extension requests and replies
// are delivered at least once, in order per work order, with the event id as idempotency key, retried
// with exponential backoff, and dead-lettered for staff to see, retry or discard when the platform
// refuses them or the budget runs out. The mechanism is @bureau/outbox; here are the hotline's rule
// (outbound-message.ts), its transport (the signed call, platform-call.ts) and its names. See README.md.
import { startOutbox, type OutboxControl, type OutboxTimings } from '@bureau/outbox';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hotlineMessageFields } from './message-fields.js';
import { hotlineOutboxReactor } from './outbox-reactor.js';
import type { PlatformEndpoint } from './platform-call.js';
import type { PlatformPost } from './platform-post.js';
import { platformTransport } from './platform-transport.js';
import type { WorkOrderOwnership } from '../events/work-order-events.js';
import { OUTBOX_STAFF } from '../routes/roles.js';

export { outboundMessageOf, outboundPath, type OutboundMessage } from './outbound-message.js';
export { OUTBOX_PROJECTION } from './outbox-reactor.js';
export type { PlatformEndpoint } from './platform-call.js';
export { outboxOptionsFrom } from './options-from-config.js';

/** The hotline's outbox table (the name it has always had). */
export const HOTLINE_OUTBOX_TABLE = 'hotline_outbox';


export interface OutboxPluginOptions extends OutboxTimings {
  /** Each platform's endpoint (base URL) and shared secret, by platform id. */
  readonly platforms: Readonly<Record<string, PlatformEndpoint>>;
  readonly post?: PlatformPost;
  /** Which centre owns each platform's orders, and so its messages. */
  readonly ownership: WorkOrderOwnership;
}

declare module 'fastify' {
  interface FastifyInstance {
    outbox: OutboxControl;
  }
}

async function outbox(app: FastifyInstance, options: OutboxPluginOptions): Promise<void> {
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const platforms = new Map(Object.entries(options.platforms));
  const { platforms: _platforms, post, ownership, ...timings } = options;
  const platformIds = [...platforms.keys()];
  /** No platform has this id (ids are lowercase): the owner of a platform not configured. */
  const UNCONFIGURED = 'Unconfigured platform';
  const control = await startOutbox(app, {
    ...timings,
    table: HOTLINE_OUTBOX_TABLE,
    reactor: hotlineOutboxReactor,
    transport: platformTransport({ platforms: (platformId) => platforms.get(platformId), clock, timeoutMs, ...(post ? { post } : {}) }),
    routes: {
      roles: OUTBOX_STAFF,
      // A platform's messages are its centre's: a caller sees those of the platforms whose centre they
      // reach. A platform no longer configured belongs to the deployment's centre (config.ts), so whoever
      // reaches that centre sees every destination but the other centres' platforms.
      destinationsWithin: (reach) => {
        if (reach.organisationIds === null) return null;
        const outside = platformIds.filter((id) => !reach.includes(ownership.centreOf(id)));
        return reach.includes(ownership.centreOf(UNCONFIGURED)) ? { except: outside } : { only: platformIds.filter((id) => !outside.includes(id)) };
      },
      fields: hotlineMessageFields,
    },
    clock,
    timeoutMs,
  });
  app.decorate('outbox', control);
}

export const outboxPlugin = fp(outbox, {
  name: 'hotline-outbox',
  fastify: '5.x',
  dependencies: ['bureau-pg-pool', 'bureau-event-store', 'bureau-auth'],
});
