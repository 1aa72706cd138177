// Walk-in consultations at the counters (来访咨询): record a visit (idempotent by consultationId and by
// commandId), void one recorded in error, list a station's or a district's visits, and a month's counts
// (persons by topic and by answer, per place; a month a district's statistician, or the city's for the
// city's own, has closed as of the close: read-models/closed-walk-in-counts.ts). The counters' staff record; district and city roles read;
// everything within the caller's reach: a visit elsewhere answers exactly as one that does not exist.
import { districtOf } from '@bureau/organisations';
import {
  access, bearerSecurity, commandContextOf, commandReply, commandResponseSchema, handleCommand, HttpProblem, notFound, pageLinkOf,
  problemSchema, problemTypes, reachOf, restatementPageQuery, restatementSchema, withEvents, type Scope,
} from '@bureau/service-kit';
import { formatPosition } from '@bureau/event-store';
import { awaitFreshness } from '@bureau/projections/http';
import { cursorOf, pageFields, pageLink, pagingQuery, sortField } from '@bureau/service-kit/paging';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closedMonthCounts } from '../read-models/closed-walk-in-counts.js';
import { listWalkIns, WALK_INS_PROJECTION, type WalkInRow } from '../read-models/walk-ins.js';
import {
  MAX_NOTE_LENGTH, MAX_PERSONS_PER_VISIT, MAX_REFERRED_TO_LENGTH, MAX_VOID_REASON_LENGTH, walkInAnswers, walkInDecider, walkInEvents,
  WalkInRuleBroken, walkInStreamName, walkInTopics, type WalkInCommand, type WalkInState,
} from '../walk-ins/index.js';
import { AUDITOR, OFFICE_HEAD, REVIEWER, STATION_CLERK } from './roles.js';

/** The public legal service centre's counter staff (the 12345 centre's people sit there too). */
const CENTRE_STAFF = 'centre_staff';
const counters: Record<string, Scope> = { [STATION_CLERK]: 'organisation', [CENTRE_STAFF]: 'organisation', [REVIEWER]: 'district', [OFFICE_HEAD]: 'district' };
/** 登记 / 作废: the staff at the counters, and the legal-aid office's reviewers and head for their district. */
export const WALK_IN_RECORDERS = access(counters);
/** The lists and counts: the counters' own, the district's auditor, the city's auditor and administrator. */
export const WALK_IN_READERS = access({ ...counters, [AUDITOR]: 'district', city_auditor: 'city', city_administrator: 'city' });
/** A month's counts (persons by topic and answer, per place): the readers, and the city's statistician (not the visits' list). */
export const WALK_IN_COUNT_READERS = access({ ...counters, [AUDITOR]: 'district', city_auditor: 'city', city_administrator: 'city', city_statistician: 'city' });

export const NO_SUCH_VISIT = 'No such walk-in consultation.';
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM');
const after = { after: z.string().optional().describe('A position "commit/prepare" from a write: wait (bounded) until the read model has applied it.') };
const responses = (ok: z.ZodType) => ({ 200: ok, 201: ok, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 412: problemSchema, 422: problemSchema });
const commandResponse = commandResponseSchema.extend({ consultationId: z.string(), events: z.array(z.string()) });

const visit = z.object({
  consultationId: z.string(), placeId: z.string(), districtId: z.string(), occurredAt: z.string(), persons: z.number(),
  topic: z.enum(walkInTopics), answer: z.enum(walkInAnswers), referredTo: z.string().nullable(), note: z.string().nullable(),
  voided: z.boolean(), voidReason: z.string().nullable(), recordedAt: z.string(),
});
const visitOf = (r: WalkInRow): z.output<typeof visit> => ({
  consultationId: r.consultation_id, placeId: r.place_id, districtId: r.district_id, occurredAt: r.occurred_at.toISOString(), persons: r.persons,
  topic: r.topic, answer: r.answer, referredTo: r.referred_to, note: r.note, voided: r.voided, voidReason: r.void_reason, recordedAt: r.recorded_at.toISOString(),
});

async function ensureFresh(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const freshness = await awaitFreshness(app.legalAidWalkIns.engine, WALK_INS_PROJECTION, request, {
    maxWaitMs: app.legalAid.config.READ_YOUR_WRITES_WAIT_MS,
    lastCommitted: () => app.eventStore.lastCommittedPosition(),
  });
  if (freshness.kind === 'fresh') return;
  const retryAfter = freshness.headers['retry-after'];
  if (retryAfter !== undefined) reply.header('retry-after', retryAfter);
  const { type, title, status, detail, ...rest } = freshness.body;
  throw new HttpProblem(status, title, type, detail, rest);
}

export const walkInRoutes: FastifyPluginAsync = async (app) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['walk-in consultations'];

  const run = async (request: FastifyRequest, consultationId: string, commandId: string, command: WalkInCommand) => {
    const now = app.legalAid.clock();
    const { includes } = reachOf(request);
    try {
      return await handleCommand({
        store: app.eventStore, registry: walkInEvents, streamName: walkInStreamName(consultationId), decider: walkInDecider(now), command,
        context: commandContextOf(request, commandId, now),
        authorize: (state: WalkInState) => {
          if (state.status !== 'none' && !includes(state.visit.placeId)) throw notFound(NO_SUCH_VISIT);
        },
      });
    } catch (error) {
      if (error instanceof WalkInRuleBroken && error.rule === 'not_found') throw notFound(NO_SUCH_VISIT);
      throw error;
    }
  };

  typed.post('/walk-in-consultations', {
    config: WALK_IN_RECORDERS,
    schema: {
      tags, summary: '来访咨询登记 Record a walk-in consultation (no personal data); resending the same consultationId records one visit', security: bearerSecurity,
      body: z.strictObject({
        consultationId: z.uuid().describe('Chosen by the client once per visit.'),
        commandId: z.uuid().optional().describe('Idempotency key; defaults to the consultationId.'),
        placeId: z.string().trim().min(1).max(64),
        occurredAt: z.iso.datetime({ offset: true }),
        persons: z.number().int().min(1).max(MAX_PERSONS_PER_VISIT),
        topic: z.enum(walkInTopics),
        answer: z.enum(walkInAnswers),
        referredTo: z.string().trim().min(1).max(MAX_REFERRED_TO_LENGTH).optional(),
        note: z.string().trim().max(MAX_NOTE_LENGTH).optional(),
      }).refine((b) => (b.answer === 'referred_to_other_authority') === (b.referredTo !== undefined), {
        path: ['referredTo'], message: 'required exactly when the answer is referred_to_other_authority',
      }),
      response: responses(commandResponse),
    },
  }, async (request, reply) => {
    const { consultationId, commandId, placeId, ...rest } = request.body;
    const registry = app.organisations.current();
    const place = registry.organisations.get(placeId);
    // A place out of the caller's reach is named exactly as an unknown one.
    if (!place || place.closed || !reachOf(request).includes(placeId)) {
      throw new HttpProblem(422, 'Unprocessable Content', problemTypes.validation, 'The place is not one of yours.', {
        errors: [{ field: 'body.placeId', rule: 'unknown_place', message: 'not a place within your reach' }],
      });
    }
    const result = await run(request, consultationId, commandId ?? consultationId, {
      type: 'RecordWalkInConsultation',
      data: { consultationId, place: { id: place.id, kind: place.kind, districtId: districtOf(registry, place.id)?.id ?? null }, ...rest },
    });
    reply.code(result.alreadyApplied || result.events.length === 0 ? 200 : 201);
    return { consultationId, events: result.events.map((e) => e.type), ...commandReply(reply, result) };
  });

  typed.post('/walk-in-consultations/:consultationId/void', {
    config: WALK_IN_RECORDERS,
    schema: {
      tags, summary: '作废 Void a consultation recorded in error (no longer counted)', security: bearerSecurity,
      params: z.object({ consultationId: z.uuid() }),
      body: z.strictObject({ commandId: z.uuid(), reason: z.string().trim().min(1).max(MAX_VOID_REASON_LENGTH) }),
      response: responses(commandResponse),
    },
  }, async (request, reply) => {
    const { consultationId } = request.params;
    const result = await run(request, consultationId, request.body.commandId, { type: 'VoidWalkInConsultation', data: { consultationId, reason: request.body.reason } });
    return { consultationId, events: result.events.map((e) => e.type), ...commandReply(reply, result) };
  });

  typed.get('/walk-in-consultations', {
    config: WALK_IN_READERS,
    schema: {
      tags, summary: '来访咨询列表 A station\'s or a district\'s visits by time of visit, keyset-paged (sort, cursor, limit)', security: bearerSecurity,
      querystring: z.strictObject({
        ...after,
        month: month.optional(),
        placeId: z.string().trim().min(1).max(64).optional().describe('Only this place\'s visits.'),
        topic: z.enum(walkInTopics).optional(),
        includeVoided: z.stringbool().default(false),
        // occurredAt: by time of visit (-occurredAt, the default: newest first); ties on the consultation id.
        ...pagingQuery(['occurredAt'], '-occurredAt', { default: 50, max: 500 }),
      }),
      response: { 200: z.object({ entries: z.array(visit), ...pageFields('visit') }), 400: problemSchema, 401: problemSchema, 403: problemSchema, 503: problemSchema },
    },
  }, async (request, reply) => {
    await ensureFresh(app, request, reply);
    const { month: m, placeId, topic, includeVoided, sort, limit } = request.query;
    const { total, page } = await listWalkIns(
      app.legalAidWalkIns.db, { reach: reachOf(request).organisationIds, month: m, placeId, topic, includeVoided },
      sortField(sort).direction, { sort, cursor: cursorOf(request.query), limit },
    );
    return {
      total, nextCursor: page.nextCursor, previousCursor: page.previousCursor,
      next: pageLink('/walk-in-consultations', request.query, page.nextCursor), previous: pageLink('/walk-in-consultations', request.query, page.previousCursor),
      entries: page.rows.map(visitOf),
    };
  });

  const counts = z.record(z.string(), z.number());
  typed.get('/walk-in-consultations/counts/:month', {
    config: WALK_IN_COUNT_READERS,
    schema: {
      tags, summary: '来访咨询月度人次 A month\'s persons by topic and by answer, per place (voided visits not counted); a closed month as of its close', security: bearerSecurity,
      params: z.object({ month }),
      querystring: z.strictObject({ ...after, ...restatementPageQuery }),
      response: {
        200: z.object({
          month: z.string(), visits: z.number(), persons: z.number(),
          places: z.array(z.object({ placeId: z.string(), districtId: z.string(), visits: z.number(), persons: z.number(), byTopic: counts, byAnswer: counts })),
          closed: z.array(z.object({ districtId: z.string(), closedAt: z.string(), position: z.string() }))
            .describe('关账: the districts (or the city, for its own organisations: 市本级) that closed the month; their places are as of the close'),
          restatements: z.array(restatementSchema)
            .describe('更正: `<placeId>.<figure>` recorded differently since the close, each with the events recorded after the close that moved it (no personal data)'),
        }),
        400: problemSchema, 401: problemSchema, 403: problemSchema, 503: problemSchema,
      },
    },
  }, async (request, reply) => {
    await ensureFresh(app, request, reply);
    const { month: m } = request.params;
    const { places, closes, restatements, moved } = await closedMonthCounts({
      db: app.legalAidWalkIns.db, store: app.eventStore, registry: app.organisations.current(), month: m, reach: reachOf(request).organisationIds,
    });
    return {
      month: m, visits: places.reduce((n, p) => n + p.visits, 0), persons: places.reduce((n, p) => n + p.persons, 0), places,
      closed: closes.map((c) => ({ districtId: c.districtId, closedAt: c.closedAt, position: formatPosition(c.position) })),
      restatements: withEvents(restatements, moved, request.query, pageLinkOf(`/walk-in-consultations/counts/${m}`, request.query)),
    };
  });
};
