// The assigned lawyer's own routes (承办律师): their cases (GET /lawyer/files), and their reports on one of
// them (POST / GET /files/:caseId/lawyer-reports: progress, grounds for termination, closing), which the
// office's reviewers and head read too. A lawyer's token names the registry's lawyer id as its subject and
// sits at their district's legal-aid office; a file they are not assigned to answers exactly as one that
// does not exist. Reading one file is GET /files/:caseId (file.ts), under the same rule.
import { StreamNotFoundError } from '@bureau/event-store';
import { actorOf, bearerSecurity, commandContextOf, commandReply, commandResponseSchema, handleCommand, notFound, problemSchema, readStreamState, reachOf } from '@bureau/service-kit';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { NO_SUCH_FILE, partiesOf } from '../commands/run-legal-aid-command.js';
import { evolve, initialState, legalAidStreamName, terminationGrounds, type LegalAidState } from '../domain/index.js';
import { legalAidEvents } from '../events/application-events.js';
import { lawyerReportEvents, lawyerReportKinds, lawyerReportsDecider, lawyerReportsStreamName, MAX_REPORT_LENGTH } from '../lawyer-reports/index.js';
import { caseIdParam } from './inputs.js';
import { LAWYER, LAWYER_OWN, LAWYER_REPORT_READERS } from './roles.js';

/** The lawyer acting in the file now (assigned, or on preliminary aid), or null. */
export const assignedLawyerOf = (state: LegalAidState): string | null =>
  state.status === 'none' || state.status === 'awaiting_custody_forwarding' ? null : (state.lawyer?.lawyerId ?? null);

/** The file as the caller may see it: within their reach and, for a lawyer, assigned to them; else no such file. */
export async function fileForCaller(app: FastifyInstance, request: FastifyRequest, caseId: string): Promise<{ state: LegalAidState; revision: bigint }> {
  let found: { state: LegalAidState; revision: bigint };
  try {
    found = await readStreamState(app.eventStore, legalAidEvents, { initialState, evolve }, legalAidStreamName(caseId));
  } catch (error) {
    if (error instanceof StreamNotFoundError) throw notFound(NO_SUCH_FILE);
    throw error;
  }
  if (!partiesOf(found.state).some(reachOf(request).includes)) throw notFound(NO_SUCH_FILE);
  const actor = actorOf(request);
  if (actor.role === LAWYER && assignedLawyerOf(found.state) !== actor.id) throw notFound(NO_SUCH_FILE);
  return found;
}

const report = z.object({
  reportId: z.string(), lawyerId: z.string(), kind: z.enum(lawyerReportKinds), text: z.string(), terminationGround: z.enum(terminationGrounds).nullable(), reportedAt: z.string(),
});
const ownFile = z.object({
  caseId: z.string(), applicationNumber: z.string().nullable(), status: z.string(), competentOfficeId: z.string().nullable(),
  recipientName: z.string().nullable(), matterType: z.string().nullable(), receivedAt: z.string(), closedAt: z.string().nullable(),
});
const responses = (ok: z.ZodType) => ({ 200: ok, 201: ok, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 412: problemSchema, 422: problemSchema });

export const lawyerRoutes: FastifyPluginAsync = async (app) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['legal-aid files'];

  typed.get('/lawyer/files', {
    config: LAWYER_OWN,
    schema: {
      tags, summary: '承办案件 The cases assigned to the calling lawyer, newest first', security: bearerSecurity,
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ entries: z.array(ownFile) }), 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (request) => {
    const reach = reachOf(request).organisationIds;
    let query = app.legalAidReadModels.db.selectFrom('legal_aid_files')
      .select(['case_id', 'application_number', 'status', 'competent_office', 'recipient_name', 'matter_type', 'received_at', 'closed_at'])
      .where('lawyer_id', '=', actorOf(request).id);
    if (reach !== null) query = query.where(sql<boolean>`parties && ${[...reach]}::text[]`);
    const rows = await query.orderBy('received_at', 'desc').orderBy('case_id').limit(request.query.limit).execute();
    return {
      entries: rows.map((r) => ({
        caseId: r.case_id, applicationNumber: r.application_number, status: r.status, competentOfficeId: r.competent_office, recipientName: r.recipient_name,
        matterType: r.matter_type, receivedAt: r.received_at.toISOString(), closedAt: r.closed_at?.toISOString() ?? null,
      })),
    };
  });

  typed.post('/files/:caseId/lawyer-reports', {
    config: LAWYER_OWN,
    schema: {
      tags, summary: '承办律师报告 The assigned lawyer reports: progress, grounds for termination (Art. 48), closing (Art. 50)', security: bearerSecurity,
      params: caseIdParam,
      body: z.strictObject({
        commandId: z.uuid(),
        reportId: z.uuid(),
        kind: z.enum(lawyerReportKinds),
        text: z.string().trim().min(1).max(MAX_REPORT_LENGTH),
        terminationGround: z.enum(terminationGrounds).nullable().default(null).describe('With kind termination_ground: the Art. 48 ground.'),
      }),
      response: responses(commandResponseSchema.extend({ caseId: z.string(), events: z.array(z.string()) })),
    },
  }, async (request, reply) => {
    const now = app.legalAid.clock();
    const { caseId } = request.params;
    const { commandId, ...body } = request.body;
    const { state: file } = await fileForCaller(app, request, caseId);
    const lawyerId = actorOf(request).id;
    const result = await handleCommand({
      store: app.eventStore, registry: lawyerReportEvents, streamName: lawyerReportsStreamName(caseId), decider: lawyerReportsDecider(now),
      command: { type: 'FileLawyerReport' as const, data: { ...body, lawyerId, file: { status: file.status, assignedLawyerId: assignedLawyerOf(file) } } },
      context: commandContextOf(request, commandId, now),
    });
    if (!result.alreadyApplied && result.events.length > 0) reply.code(201);
    return { caseId, events: result.events.map((e) => e.type), ...commandReply(reply, result) };
  });

  typed.get('/files/:caseId/lawyer-reports', {
    config: LAWYER_REPORT_READERS,
    schema: {
      tags, summary: 'The assigned lawyer\'s reports on a file, oldest first', security: bearerSecurity,
      params: caseIdParam,
      response: { 200: z.object({ caseId: z.string(), reports: z.array(report) }), 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
    },
  }, async (request) => {
    const { caseId } = request.params;
    await fileForCaller(app, request, caseId);
    const reports = [];
    try {
      for await (const recorded of app.eventStore.readStream(lawyerReportsStreamName(caseId))) reports.push(lawyerReportEvents.fromRecorded(recorded).data);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { caseId, reports };
  });
};
