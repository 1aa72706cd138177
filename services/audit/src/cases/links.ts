// Linked cases: a legal-aid application that came from a 12345 referral (its channel names the work
// order) or from an advisor's referral (the ledger entry), and the other way round (a ledger entry names
// the application it led to). Forward links come from the case's own events; backward ones from a scan of
// the applications' and ledgers' first events (ApplicationSubmitted, ServiceLogged) by event type, which
// is what the store offers until a read model keeps the links. Only events as their registries read them.
import type { EventStore, RecordedEvent } from '@bureau/event-store';
import { advisorLedgerEvents } from '@bureau/advisors/events';
import { legalAidEvents } from '@bureau/legal-aid/events';
import { advisorLedgerCategory } from '@bureau/advisors/domain';
import { legalAidStreamCategory } from '@bureau/legal-aid/domain';

export interface CaseLink {
  readonly kind: 'work-order' | 'legal-aid' | 'advisor-ledger';
  readonly caseId: string;
  /** referred_from: this case came from it; referred_to: it came from this case. */
  readonly relation: 'referred_from' | 'referred_to';
  /** The ledger entry the referral names, when it is one. */
  readonly entryId?: string;
}

/** Applications (their case ids) and their channels, from every ApplicationSubmitted in the store. */
async function submittedApplications(store: EventStore): Promise<{ caseId: string; workOrderId: string | null; ledgerEntryId: string | null }[]> {
  const out: { caseId: string; workOrderId: string | null; ledgerEntryId: string | null }[] = [];
  for await (const e of store.readAll({ filter: { eventTypePrefixes: ['ApplicationSubmitted'] } })) {
    if (!e.streamName.startsWith(`${legalAidStreamCategory}-`) || e.type !== 'ApplicationSubmitted') continue;
    const event = legalAidEvents.fromRecorded(e);
    if (event.type !== 'ApplicationSubmitted') continue;
    const channel = event.data.channel;
    out.push({
      caseId: e.streamName.slice(legalAidStreamCategory.length + 1),
      workOrderId: channel.kind === 'hotline_referral' ? channel.workOrderId : null,
      ledgerEntryId: channel.kind === 'advisor_referral' ? channel.ledgerEntryId : null,
    });
  }
  return out;
}

/** The ledger (village_month case id) that logged an entry, from the ServiceLogged events. */
async function ledgerOfEntry(store: EventStore, entryId: string): Promise<string | undefined> {
  for await (const e of store.readAll({ filter: { eventTypePrefixes: ['ServiceLogged'] } })) {
    if (!e.streamName.startsWith(`${advisorLedgerCategory}-`) || e.type !== 'ServiceLogged') continue;
    const event = advisorLedgerEvents.fromRecorded(e);
    if (event.type === 'ServiceLogged' && event.data.entryId === entryId) return e.streamName.slice(advisorLedgerCategory.length + 1);
  }
  return undefined;
}

export async function linksOf(store: EventStore, kind: string, caseId: string, events: readonly RecordedEvent[]): Promise<CaseLink[]> {
  const links: CaseLink[] = [];
  if (kind === 'legal-aid') {
    for (const e of events) {
      if (e.type !== 'ApplicationSubmitted') continue;
      const event = legalAidEvents.fromRecorded(e);
      if (event.type !== 'ApplicationSubmitted') continue;
      const channel = event.data.channel;
      if (channel.kind === 'hotline_referral') links.push({ kind: 'work-order', caseId: channel.workOrderId, relation: 'referred_from' });
      if (channel.kind === 'advisor_referral') {
        const ledger = await ledgerOfEntry(store, channel.ledgerEntryId);
        if (ledger) links.push({ kind: 'advisor-ledger', caseId: ledger, relation: 'referred_from', entryId: channel.ledgerEntryId });
      }
    }
  }
  if (kind === 'work-order') {
    for (const a of await submittedApplications(store)) if (a.workOrderId === caseId) links.push({ kind: 'legal-aid', caseId: a.caseId, relation: 'referred_to' });
  }
  if (kind === 'advisor-ledger') {
    const entries = new Map<string, string | null>();
    for (const e of events) {
      if (e.type !== 'ServiceLogged' && e.type !== 'EntryCorrected') continue;
      const event = advisorLedgerEvents.fromRecorded(e);
      if (event.type === 'ServiceLogged' || event.type === 'EntryCorrected') entries.set(event.data.entryId, event.data.content.legalAidApplicationId);
    }
    const seen = new Set<string>();
    for (const [entryId, applicationId] of entries) {
      if (applicationId !== null) {
        links.push({ kind: 'legal-aid', caseId: applicationId, relation: 'referred_to', entryId });
        seen.add(applicationId);
      }
    }
    for (const a of await submittedApplications(store)) {
      if (a.ledgerEntryId !== null && entries.has(a.ledgerEntryId) && !seen.has(a.caseId)) links.push({ kind: 'legal-aid', caseId: a.caseId, relation: 'referred_to', entryId: a.ledgerEntryId });
    }
  }
  return links;
}
