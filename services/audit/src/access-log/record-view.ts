// Auditors are audited: every view of a case is a CaseViewed event, appended before the case is shown
// (no view without its record), in one of the day's access-log streams (picked by the view's id, so a
// retried append goes to the same stream, and concurrent views to different ones).
import type { Actor, EventStore, EventToAppend } from '@bureau/event-store';
import { randomUUID } from 'node:crypto';
import { ACCESS_LOG_SHARDS, accessLogShardName, auditEvents, type CaseViewed } from '../events/audit-events.js';

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

/** FNV-1a (32 bits) of a view's id: spreads ids over the shards for a microsecond (SHA-256 took ~25). */
function idHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * The access-log stream of a view: its day's, the shard a hash of its id picks. The report reads every
 * shard of a day, so which hash picks does not matter to it; that one id always picks one shard does
 * (a retried append lands where the first did).
 */
export function accessLogStreamOf(view: Pick<CaseViewed, 'viewId' | 'viewedAt'>): string {
  const shard = idHash(view.viewId) % ACCESS_LOG_SHARDS;
  return accessLogShardName(view.viewedAt.slice(0, 10), shard);
}

export async function recordView(store: EventStore, record: ViewRecord): Promise<CaseViewed> {
  const { data, event } = caseViewedEvent(record);
  await store.appendToStream(accessLogStreamOf(data), [event]);
  return data;
}
