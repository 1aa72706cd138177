// Linked cases: a legal-aid application that came from a 12345 referral (its channel names the work
// order) or from an advisor's referral (the ledger entry), and the other way round (a ledger entry names
// the application it led to). Forward links come from the case's own events; the others from the
// referrals index below, which reads the applications' and ledgers' first events (ApplicationSubmitted,
// ServiceLogged) from $all by event type once, and after that only what was appended since its last
// read (a scan of the whole store per request had grown with every application and ledger entry). Only
// events as their registries read them.
import type { EventStore, GlobalPosition, RecordedEvent } from '@bureau/event-store';
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

/**
 * Who referred what, from the store's ApplicationSubmitted and ServiceLogged events, kept in memory and
 * brought up to date before each use by reading $all after the last position read. The store's $all
 * only shows a commit once every older transaction has ended, so reading on from a position misses
 * nothing. Reads run one after another: a request waits for the read before it, then reads what came
 * since, so it sees every event appended before it asked.
 */
export class ReferralIndex {
  private after: GlobalPosition | undefined;
  private readonly applicationsByWorkOrder = new Map<string, string[]>();
  private readonly applicationsByLedgerEntry = new Map<string, string[]>();
  private readonly ledgerByEntry = new Map<string, string>();
  private reading: Promise<void> = Promise.resolve();

  constructor(private readonly store: EventStore) {}

  /** Reads what was appended since the last read (all of $all, the first time). */
  catchUp(): Promise<void> {
    const next = this.reading.catch(() => undefined).then(() => this.readOn());
    this.reading = next;
    return next;
  }

  applicationsReferredBy(workOrderId: string): readonly string[] {
    return this.applicationsByWorkOrder.get(workOrderId) ?? [];
  }

  applicationsReferredFromEntry(entryId: string): readonly string[] {
    return this.applicationsByLedgerEntry.get(entryId) ?? [];
  }

  ledgerThatLogged(entryId: string): string | undefined {
    return this.ledgerByEntry.get(entryId);
  }

  private async readOn(): Promise<void> {
    const filter = { eventTypePrefixes: ['ApplicationSubmitted', 'ServiceLogged'] };
    for await (const e of this.store.readAll({ filter, ...(this.after ? { after: this.after } : {}) })) {
      this.observe(e);
      this.after = e.position;
    }
  }

  private observe(e: RecordedEvent): void {
    if (e.type === 'ApplicationSubmitted' && e.streamName.startsWith(`${legalAidStreamCategory}-`)) {
      const event = legalAidEvents.fromRecorded(e);
      if (event.type !== 'ApplicationSubmitted') return;
      const caseId = e.streamName.slice(legalAidStreamCategory.length + 1);
      const channel = event.data.channel;
      if (channel.kind === 'hotline_referral') push(this.applicationsByWorkOrder, channel.workOrderId, caseId);
      if (channel.kind === 'advisor_referral') push(this.applicationsByLedgerEntry, channel.ledgerEntryId, caseId);
    } else if (e.type === 'ServiceLogged' && e.streamName.startsWith(`${advisorLedgerCategory}-`)) {
      const event = advisorLedgerEvents.fromRecorded(e);
      if (event.type === 'ServiceLogged') this.ledgerByEntry.set(event.data.entryId, e.streamName.slice(advisorLedgerCategory.length + 1));
    }
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const found = map.get(key);
  if (found) found.push(value);
  else map.set(key, [value]);
}

export async function linksOf(referrals: ReferralIndex, kind: string, caseId: string, events: readonly RecordedEvent[]): Promise<CaseLink[]> {
  const links: CaseLink[] = [];
  await referrals.catchUp();
  if (kind === 'legal-aid') {
    for (const e of events) {
      if (e.type !== 'ApplicationSubmitted') continue;
      const event = legalAidEvents.fromRecorded(e);
      if (event.type !== 'ApplicationSubmitted') continue;
      const channel = event.data.channel;
      if (channel.kind === 'hotline_referral') links.push({ kind: 'work-order', caseId: channel.workOrderId, relation: 'referred_from' });
      if (channel.kind === 'advisor_referral') {
        const ledger = referrals.ledgerThatLogged(channel.ledgerEntryId);
        if (ledger) links.push({ kind: 'advisor-ledger', caseId: ledger, relation: 'referred_from', entryId: channel.ledgerEntryId });
      }
    }
  }
  if (kind === 'work-order') {
    for (const application of referrals.applicationsReferredBy(caseId)) links.push({ kind: 'legal-aid', caseId: application, relation: 'referred_to' });
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
    for (const entryId of entries.keys()) {
      for (const application of referrals.applicationsReferredFromEntry(entryId)) {
        if (!seen.has(application)) links.push({ kind: 'legal-aid', caseId: application, relation: 'referred_to', entryId });
      }
    }
  }
  return links;
}
