// What every route showing a case does first: admit the personal-data request only for the roles allowed,
// open the case within the caller's reach (another district's case is a 404 exactly as a missing one),
// and record the view (CaseViewed) before anything is shown.
import { actorOf, forbidden, isWithinReach, notFound } from '@bureau/service-kit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ViewRecord } from '../access-log/record-view.js';
import type { CaseViewed } from '../events/audit-events.js';
import type { Show } from '../history/history-view.js';
import { keptCase, openCase, type OpenedCase } from '../history/read-case.js';
import { masked, type PersonalData } from '../privacy/mask.js';

const sameList = (a: readonly string[], b: readonly string[]) => a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

export const caseKindIds = ['work-order', 'legal-aid', 'advisor-ledger'] as const;

export const caseParams = z.object({
  kind: z.enum(caseKindIds),
  caseId: z.string().min(1).max(100),
});

/** `shown`: unmasked, for the roles in AUDIT_PERSONAL_DATA_ROLES only (and logged as such). */
export const personalDataParam = z.enum(['masked', 'shown']).default('masked');

export interface CaseForAuditor {
  readonly opened: OpenedCase;
  readonly show: Show;
  readonly unmasked: boolean;
}

export async function openForAuditor(
  app: FastifyInstance,
  request: FastifyRequest,
  params: z.output<typeof caseParams>,
  personalData: z.output<typeof personalDataParam>,
  view: CaseViewed['view'],
): Promise<CaseForAuditor> {
  const actor = actorOf(request);
  const unmasked = personalData === 'shown';
  if (unmasked && !app.audit.config.AUDIT_PERSONAL_DATA_ROLES.includes(actor.role)) {
    throw forbidden('Your role may not see personal data unmasked.');
  }
  const kind = app.audit.kinds.get(params.kind);
  const mayReach = (owners: readonly string[]) => owners.some((o) => isWithinReach(request, o));
  const viewOf = (owners: readonly string[], personal: PersonalData): ViewRecord => ({
    viewer: actor, requestId: request.id, caseKind: params.kind, caseId: params.caseId, owners, view,
    personalDataFields: personal.fields, unmasked, at: app.audit.clock(),
  });
  // A kept case the caller reaches: its view is recorded while its freshness is read (one wait, not two
  // in a row), with what the kept replay holds. If the read finds the case moved and its owners or
  // personal data with it, the view is recorded again as shown (README "Auditors are audited").
  const kept = kind ? keptCase(kind, params.caseId, app.audit.cases) : undefined;
  const early = kept && mayReach(kept.owners) ? app.audit.accessLog.record(viewOf(kept.owners, kept.personal)) : undefined;
  early?.catch(() => undefined);
  let opened: OpenedCase | undefined;
  try {
    opened = kind ? await openCase(app.eventStore, kind, params.caseId, mayReach, app.audit.cases) : undefined;
  } finally {
    await early?.catch(() => undefined);
  }
  if (!opened) throw notFound('No such case.');
  const { personal } = opened;
  const recordedAsShown = kept !== undefined && early !== undefined && sameList(kept.owners, opened.owners) && sameList(kept.personal.fields, personal.fields);
  // Shown only once its record is durable: the early one (a failure rejects here), or one made now.
  if (recordedAsShown) await early;
  else await app.audit.accessLog.record(viewOf(opened.owners, personal));
  return { opened, unmasked, show: unmasked ? (v) => v : (v) => masked(v, personal) };
}
