// What every route showing a case does first: admit the personal-data request only for the roles allowed,
// open the case within the caller's reach (another district's case is a 404 exactly as a missing one),
// and record the view (CaseViewed) before anything is shown.
import { actorOf, forbidden, isWithinReach, notFound } from '@bureau/service-kit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CaseViewed } from '../events/audit-events.js';
import type { Show } from '../history/history-view.js';
import { openCase, type OpenedCase } from '../history/read-case.js';
import { masked } from '../privacy/mask.js';

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
  const opened = kind
    ? await openCase(app.eventStore, kind, params.caseId, (owners) => owners.some((o) => isWithinReach(request, o)), app.audit.cases)
    : undefined;
  if (!opened) throw notFound('No such case.');
  const { personal } = opened;
  await app.audit.accessLog.record({
    viewer: actor,
    requestId: request.id,
    caseKind: params.kind,
    caseId: params.caseId,
    owners: opened.owners,
    view,
    personalDataFields: personal.fields,
    unmasked,
    at: app.audit.clock(),
  });
  return { opened, unmasked, show: unmasked ? (v) => v : (v) => masked(v, personal) };
}
