// POST /applications: 受理. The receipt is decided first (a broken rule is a 422 and takes no number), then
// the number is allocated from the receiving district's sequence for the year with the application's
// first event in the same transaction (PostgreSQL; otherwise the application's stream is written from
// the allocation after it: src/numbering/submission.ts). The answer carries the number and the receipt;
// a retry with the same commandId answers the same.
import { birthDateOf } from '@bureau/person-schemas';
import { actorOf, bearerSecurity, COMMAND_EVENT_NAMESPACE, commandDigestOf, commandReply, commandResponseSchema, handleCommand, problemSchema, reachOf, uuidV5 } from '@bureau/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorizeFor, boundDecider, withCalendar } from '../commands/run-legal-aid-command.js';
import { evolve, initialState, legalAidStreamName, matterTypes, samePerson, type ApplicationSubmitted, type MatterType, type LegalAidState, type OpenApplicationSummary, type Person, type SubmitApplication } from '../domain/index.js';
import { legalAidEvents } from '../events/application-events.js';
import { completeAllocation, numberingYearOf } from '../numbering/submission.js';
import { filesCheckpoint, numberingYearClosed } from '../numbering/unprojected-allocations.js';
import { numberingAreaOf } from '../organisation/offices.js';
import { identityHash } from '../privacy/mask.js';
import { DuplicateLooks } from '../read-models/duplicate-looks.js';
import { scans } from '../storage/scans.js';
import { submissionInput } from './inputs.js';
import { DomainRuleError } from '@bureau/service-kit/domain-error';
import { WrongExpectedRevisionError } from '@bureau/event-store';
import { actingOrganisation } from './options.js';
import { receiptOf, receiptSchema } from './receipt.js';
import { INTAKE } from './roles.js';

const submitResponse = commandResponseSchema.extend({
  caseId: z.string(),
  applicationNumber: z.string(),
  receipt: receiptSchema,
  possibleDuplicates: z.array(z.string()).describe('Open applications of the same person, matter and opposing party within your reach (a warning: the application is taken).'),
});

export const submitRoute: FastifyPluginAsync = async (app) => {
  const { config } = app.legalAid;
  const looks = new DuplicateLooks(app.legalAidReadModels.db, () => filesCheckpoint(app.legalAidReadModels.db));
  app.withTypeProvider<ZodTypeProvider>().post('/applications', {
    config: INTAKE,
    schema: {
      tags: ['legal-aid files'],
      summary: '受理 Take an application: answers with its application number and the receipt',
      security: bearerSecurity,
      body: submissionInput(config.LEGAL_AID_DOCUMENT_MAX_BYTES),
      response: { 201: submitResponse, 200: submitResponse, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema, 503: problemSchema },
    },
  }, async (request, reply) => {
    const { deps, clock } = app.legalAid;
    const body = request.body;
    const now = clock();
    const actor = actorOf(request);
    const organisation = actingOrganisation(app, request);
    const caseId = body.applicationId ?? uuidV5(`legal-aid-application:${body.commandId}`, COMMAND_EVENT_NAMESPACE);
    const streamName = legalAidStreamName(caseId);
    const commandDigest = commandDigestOf(request);
    const authorize = authorizeFor(reachOf(request).includes);
    // Parties of applications the read model may not show yet (see duplicateCandidates).
    let pending = new Map<string, readonly string[]>();
    const answer = async (submitted: ApplicationSubmitted['data'], result: Parameters<typeof commandReply>[1], created: boolean) => {
      reply.code(created ? 201 : 200);
      return {
        caseId,
        applicationNumber: submitted.applicationNumber,
        receipt: receiptOf(submitted, app.organisations.current()),
        possibleDuplicates: await visibleFiles(app, submitted.possibleDuplicateOf, pending, reachOf(request).includes),
        ...commandReply(reply, result),
      };
    };

    // An application stream that moved between the read (1.) and the append (3.), a custody application
    // announced meanwhile or a retry in another process: nothing was written, and the submission goes again.
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await submitOnce();
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError && error.streamName === streamName) || attempt >= 3) throw error;
      }
    }

    async function submitOnce() {
      // 1. Was this commandId applied before? (Its number and receipt are then answered again.) The scans
      // and the duplicate check's candidates (2.) are read meanwhile, each a round trip of its own; what the
      // replay answers (an earlier run, or a file out of reach: 404) comes first.
      const recipient = body.recipient ?? body.applicant;
      // No earlier run: the stream's state as read (a new stream, or the custody application announced), and nothing written.
      let read: LegalAidState | undefined;
      const [replayed, scanned, found] = await Promise.allSettled([
        handleCommand({
          store: app.eventStore, registry: legalAidEvents, streamName,
          decider: { initialState, evolve, decide: (_: null, current: LegalAidState) => { read = current; return []; } },
          command: null, authorize, context: { commandId: body.commandId, actor, commandDigest },
        }),
        storedScans(app, body.documents),
        duplicateCandidates(app, looks, recipient, body.matterType, caseId),
      ]);
      if (replayed.status === 'rejected') throw replayed.reason;
      if (replayed.value.alreadyApplied) {
        const first = replayed.value.events[0];
        if (first?.type !== 'ApplicationSubmitted') throw new Error('a submission\'s commandId names another command');
        return await answer(first.data, replayed.value, false);
      }
      const state = read;
      if (state === undefined) throw new Error('the submission\'s stream was neither read nor replayed');

      // 2. Decide the receipt (a broken rule takes no number), with the duplicate check's candidates.
      if (scanned.status === 'rejected') throw scanned.reason;
      if (found.status === 'rejected') throw found.reason;
      const documents = scanned.value;
      pending = found.value.pending;
      const candidates = found.value.candidates;
      const command: SubmitApplication = {
        type: 'SubmitApplication',
        data: { ...body, documents, applicationId: caseId, applicationNumber: 'pending', openApplications: candidates },
      };
      const decided = await withCalendar(deps, async () =>
        boundDecider(now, deps.rulesFor(organisation.id), organisation, deps.offices()).decide(command, state));
      const submitted = decided[0];
      if (submitted?.type !== 'ApplicationSubmitted') throw new Error('the decider did not record the receipt');

      // 3. The number, with the whole receipt, and (PostgreSQL) the application's first event with it, in one
      // transaction at the revision read in 1.; 4. otherwise (a retry found its allocation; EventStoreDB) the
      // application's stream written from the allocation.
      const area = numberingAreaOf(app.organisations.current(), organisation.id, config.LEGAL_AID_DISTRICT_SHORT_NAMES);
      if (!area) throw new Error(`no district or city above ${organisation.id}`);
      const revision = replayed.value.nextExpectedRevision;
      const { allocation, application } = await app.legalAidNumbers.allocator.allocateWithApplication({
        areaId: area.id, areaShortName: area.shortName, pattern: config.LEGAL_AID_NUMBER_PATTERN,
        submitted: submitted.data, commandId: body.commandId, commandDigest, correlationId: request.id, actor,
      }, revision === -1n ? 'no_stream' : revision);
      if (application) {
        const recorded: ApplicationSubmitted = { type: 'ApplicationSubmitted', data: allocation.submitted };
        return answer(allocation.submitted, { events: [recorded], nextExpectedRevision: application.nextExpectedRevision, position: application.position, alreadyApplied: false }, true);
      }
      const result = await completeAllocation(app.eventStore, allocation);
      return answer(allocation.submitted, result, !result.alreadyApplied);
    }
  });
};

/** A duplicate is named to the caller only when it lies within their reach (another district's stays unnamed). */
async function visibleFiles(
  app: Parameters<FastifyPluginAsync>[0], ids: readonly string[], pending: ReadonlyMap<string, readonly string[]>, includes: (organisationId: string) => boolean,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await app.legalAidReadModels.db.selectFrom('legal_aid_files').select(['case_id', 'parties']).where('case_id', 'in', [...ids]).execute();
  const parties = new Map<string, readonly string[]>([...pending, ...rows.map((row) => [row.case_id, row.parties] as const)]);
  return ids.filter((id) => parties.get(id)?.some(includes) ?? false);
}

/** Each document handed in names a scan uploaded before (POST /scans), of the size stored; its media type is the store's. */
async function storedScans(app: Parameters<FastifyPluginAsync>[0], documents: readonly { name: string; contentHash: string; sizeBytes: number }[]) {
  const stored = await scans.describe(app.db, documents.map((d) => d.contentHash));
  return documents.map((d, i) => {
    const scan = stored.get(d.contentHash);
    if (!scan || scan.sizeBytes !== d.sizeBytes) {
      throw new DomainRuleError('scan_not_stored', `第${i + 1}份材料的扫描件未上传或大小不符 / document ${i + 1}: no scan of that hash and size was uploaded (POST /scans)`);
    }
    return { ...d, mediaType: scan.mediaType };
  });
}

type Registry = ReturnType<Parameters<FastifyPluginAsync>[0]['organisations']['current']>;
/** Per registry state (a new object on every change): the districts and the city, whose numbering streams a look reads. */
const areasOfRegistry = new WeakMap<Registry, readonly string[]>();
function numberingAreas(registry: Registry): readonly string[] {
  let areas = areasOfRegistry.get(registry);
  if (areas === undefined) {
    areas = [...registry.organisations.values()].filter((o) => !o.closed && (o.kind === 'district' || o.kind === 'city')).map((o) => o.id);
    areasOfRegistry.set(registry, areas);
  }
  return areas;
}

const isMatterType = (value: string): value is MatterType => (matterTypes as readonly string[]).includes(value);

/**
 * The open applications of the same person, as the decider's duplicate check takes them: those the read
 * model holds and those committed since its checkpoint (read from their numbers' allocations, which carry
 * the receipt), so a submission just before this one is seen however far the projection lags.
 */
async function duplicateCandidates(app: Parameters<FastifyPluginAsync>[0], looks: DuplicateLooks, recipient: Person, matterType: MatterType, caseId: string): Promise<{ candidates: OpenApplicationSummary[]; pending: Map<string, readonly string[]> }> {
  const hash = identityHash(app.legalAid.config.LEGAL_AID_IDENTITY_HASH_KEY, recipient.document);
  const areas = numberingAreas(app.organisations.current());
  const now = app.legalAid.clock();
  const year = numberingYearOf(now.toISOString());
  // The read model's rows and its checkpoint from one snapshot, then what was allocated after it.
  const { checkpoint, rows } = await looks.look({ hash, name: recipient.name, birthDate: birthDateOf(recipient) });
  const unprojected = await app.legalAidNumbers.unprojected.after(checkpoint, areas, [year, year - 1], numberingYearClosed(now));
  // Only the same person's, for the same matter, can be named (possibleDuplicates): the others, as many as
  // the projection lags behind, need not be summarised for the decider and compared again there.
  const recent = unprojected.filter((a) => a.applicationId !== caseId && a.submitted.matterType === matterType && samePerson(recipient, a.submitted.recipient));
  const fromReadModel = rows.flatMap((row) => {
    if (row.matter_type === null || !isMatterType(row.matter_type) || row.recipient_name === null) return [];
    // The same keyed hash means the same document: compare it as such (the read model holds no number).
    const sameDocument = hash !== null && row.recipient_identity_hash === hash;
    return [{
      applicationId: row.case_id,
      recipient: { name: row.recipient_name, document: sameDocument ? recipient.document : { type: 'unknown' as const, note: null }, birthDate: row.recipient_birth_date },
      matterType: row.matter_type,
      opposingParty: row.opposing_party,
    }];
  });
  const known = new Set(fromReadModel.map((c) => c.applicationId));
  const fromAllocations = recent
    .filter((a) => !known.has(a.applicationId))
    .map(({ submitted: s }) => ({ applicationId: s.applicationId, recipient: s.recipient, matterType: s.matterType, opposingParty: s.opposingParty }));
  const pending = new Map(recent.map(({ submitted: s }) => [s.applicationId, [s.receivingOrganisationId, s.holderOfficeId, s.competence.competentOfficeId]] as const));
  return { candidates: [...fromReadModel, ...fromAllocations], pending };
}
