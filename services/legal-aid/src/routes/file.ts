// GET /files/:caseId: one file, read from its stream (the full personal data lives only there), with
// its lawyer's name and firm from the registry. GET /files/:caseId/timeline: every event of the file
// (办理经过) with who, in which role and organisation, when the act happened and when it was recorded.
// Both shown unmasked to the roles that handle the file; masked to the city administrator. Not to the
// auditors: an auditor's view of a case is itself recorded, which the audit service's history route
// does (its access log), so auditors read files there. Out of reach = no such file; so is, for the
// assigned lawyer's role, a file not assigned to them.
import { actorOf, bearerSecurity, etagOf, notFound, problemSchema, reachOf } from '@bureau/service-kit';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NO_SUCH_FILE, partiesOf } from '../commands/run-legal-aid-command.js';
import type { LegalAidState } from '../domain/index.js';
import { maskedEventData, namesIn } from '../privacy/mask-event.js';
import { maskedState } from '../read-models/file-row.js';
import { readFileTimeline, type FileTimeline } from '../read-models/file-timeline.js';
import { lawyerNames } from '../read-models/lawyer-names.js';
import { caseIdParam } from './inputs.js';
import { assignedLawyerOf } from './lawyer.js';
import { FILE_READERS, LAWYER, PERSONAL_DATA_READERS } from './roles.js';

const lawyerView = z.object({ lawyerId: z.string(), name: z.string(), firmId: z.string(), firmName: z.string() })
  .describe('From the registry of the district that assigned the lawyer (its details today).');

const fileView = z.object({
  caseId: z.string(),
  status: z.string(),
  revision: z.string(),
  personalData: z.enum(['full', 'masked']),
  file: z.record(z.string(), z.unknown()).describe('The file as the decider holds it (see src/domain/state.ts).'),
  lawyer: lawyerView.nullable().describe('The lawyer acting now, named; null with none, or one no longer in the registry (file.lawyer keeps the ids).'),
});

const timelineView = z.object({
  caseId: z.string(),
  revision: z.string(),
  personalData: z.enum(['full', 'masked']),
  entries: z.array(z.object({
    revision: z.string(),
    type: z.string().describe('The event (src/domain/events.ts).'),
    occurredAt: z.string().nullable().describe('When the act happened.'),
    recordedAt: z.string().describe('When it was recorded.'),
    actor: z.object({ id: z.string(), role: z.string(), organisation: z.string(), organisationName: z.string().nullable().describe('From the organisation registry.') }).nullable(),
    data: z.unknown(),
    lawyer: lawyerView.nullable().optional().describe('On LawyerAssigned: the lawyer named.'),
  })),
});

const masked = (state: LegalAidState) => maskedState(state, { maskNames: true });
const responses = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Each LawyerAssigned with the office that assigned (its actor's organisation, else the competent office). */
const assignmentsIn = (timeline: FileTimeline) =>
  timeline.entries.flatMap((e) => (e.event.type === 'LawyerAssigned'
    ? [{ revision: e.revision, lawyerId: e.event.data.lawyerId, byOrganisation: e.actor?.organisation ?? competentOffice(timeline.state) }]
    : []));
const competentOffice = (state: LegalAidState) => (state.status === 'none' || state.status === 'awaiting_custody_forwarding' ? '' : state.competentOfficeId);

export const fileRoute: FastifyPluginAsync = async (app) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  /** The file's timeline within the caller's reach, or the 404 a file out of reach shares with a missing one. */
  const timelineFor = async (request: FastifyRequest, caseId: string) => {
    const timeline = await readFileTimeline(app.eventStore, caseId);
    if (!timeline || !partiesOf(timeline.state).some(reachOf(request).includes)) throw notFound(NO_SUCH_FILE);
    const actor = actorOf(request);
    if (actor.role === LAWYER && assignedLawyerOf(timeline.state) !== actor.id) throw notFound(NO_SUCH_FILE);
    const assignments = assignmentsIn(timeline);
    const names = await lawyerNames(app.eventStore, app.organisations.current(), assignments);
    return { timeline, assignments, names, full: PERSONAL_DATA_READERS.includes(actorOf(request).role) };
  };

  typed.get('/files/:caseId', {
    config: FILE_READERS,
    schema: {
      tags: ['legal-aid files'], summary: 'One legal-aid file (personal data masked unless the reader handles it), its lawyer named', security: bearerSecurity,
      params: caseIdParam,
      response: { 200: fileView, ...responses },
    },
  }, async (request, reply) => {
    const { timeline: { state, revision }, names, full } = await timelineFor(request, request.params.caseId);
    const acting = state.status === 'none' || state.status === 'awaiting_custody_forwarding' ? null : state.lawyer;
    reply.header('etag', etagOf(revision));
    return {
      caseId: request.params.caseId, status: state.status, revision: String(revision), personalData: full ? ('full' as const) : ('masked' as const),
      file: { ...(full ? state : masked(state)) },
      lawyer: acting ? names.get(acting.lawyerId) ?? null : null,
    };
  });

  typed.get('/files/:caseId/timeline', {
    config: FILE_READERS,
    schema: {
      tags: ['legal-aid files'], summary: '办理经过 Every event of the file: who (role, organisation), when done and when recorded', security: bearerSecurity,
      params: caseIdParam,
      response: { 200: timelineView, ...responses },
    },
  }, async (request, reply) => {
    const { timeline, assignments, names, full } = await timelineFor(request, request.params.caseId);
    const people = full ? [] : namesIn(timeline.entries.map((e) => e.event.data));
    const lawyerAt = new Map(assignments.map((a) => [a.revision, names.get(a.lawyerId) ?? null]));
    const organisations = app.organisations.current().organisations;
    reply.header('etag', etagOf(timeline.revision));
    return {
      caseId: request.params.caseId, revision: String(timeline.revision), personalData: full ? ('full' as const) : ('masked' as const),
      entries: timeline.entries.map((e) => ({
        revision: e.revision, type: e.event.type, occurredAt: e.occurredAt, recordedAt: e.recordedAt,
        actor: e.actor && { ...e.actor, organisationName: organisations.get(e.actor.organisation)?.name ?? null },
        data: full ? e.event.data : maskedEventData(e.event.data, people),
        ...(lawyerAt.has(e.revision) ? { lawyer: lawyerAt.get(e.revision) ?? null } : {}),
      })),
    };
  });
};
