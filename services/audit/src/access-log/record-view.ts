// Auditors are audited: every view of a case is a CaseViewed event, appended before the case is shown
// (no view without its record), in one of the day's access-log streams (access-log-writer.ts).
import type { Actor, EventToAppend } from '@bureau/event-store';
import { randomUUID } from 'node:crypto';
import { auditEvents, type CaseViewed } from '../events/audit-events.js';

export interface ViewRecord {
  readonly viewer: Actor;
  readonly requestId: string;
  readonly caseKind: string;
  readonly caseId: string;
  readonly owners: readonly string[];
  readonly view: CaseViewed['view'];
  readonly personalDataFields: readonly string[];
  readonly unmasked: boolean;
  readonly at: Date;
}

/** The CaseViewed event of one view (its id is the view's, so a retried append is the same event). */
export function caseViewedEvent(record: ViewRecord): { readonly data: CaseViewed; readonly event: EventToAppend } {
  const viewId = randomUUID();
  const viewedAt = record.at.toISOString();
  const data: CaseViewed = {
    viewId,
    viewer: { id: record.viewer.id, role: record.viewer.role, organisation: record.viewer.organisation },
    caseKind: record.caseKind,
    caseId: record.caseId,
    owners: [...record.owners],
    view: record.view,
    personalDataShown: record.unmasked ? [...record.personalDataFields] : [],
    personalDataMasked: record.unmasked ? [] : [...record.personalDataFields],
    unmasked: record.unmasked,
    viewedAt,
  };
  const event = auditEvents.toAppend({ type: 'CaseViewed', data }, {
    id: viewId,
    envelope: { correlationId: record.requestId, causationId: record.requestId, actor: data.viewer, occurredAt: viewedAt },
  });
  return { data, event };
}
