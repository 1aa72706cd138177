// The streams the report reads, each through its owning service's event registry (upcasters included):
// how one event moves the stream's fold, and the facts the fold gives.
import { evolveLedger, initialLedgerState, advisorLedgerCategory, type LedgerMonthState } from '@bureau/advisors/domain';
import { advisorLedgerEvents } from '@bureau/advisors/events';
import type { RecordedEvent } from '@bureau/event-store';
import { streamCategory } from '@bureau/event-store';
import { workOrderStreamCategory } from '@bureau/hotline-service/domain';
import { workOrderEventsFor } from '@bureau/hotline-service/events';
import { legalAidStreamCategory } from '@bureau/legal-aid/domain';
import { legalAidEvents } from '@bureau/legal-aid/events';
import { advisorLedgerFacts } from './advisor-ledger-facts.js';
import type { Fact } from './fact.js';
import { evolveLegalAidSummary, legalAidFacts, type LegalAidSummary, type WorkingDaysBetween } from './legal-aid-facts.js';
import { walkInEventOf } from './walk-in-events.js';
import { evolveWalkInSummary, walkInFacts, walkInStreamCategory, type WalkInSummary } from './walk-in-facts.js';
import { evolveWorkOrderSummary, workOrderFacts, type WorkOrderSummary } from './work-order-facts.js';

export interface FactRules {
  readonly workingDaysBetween: WorkingDaysBetween;
  readonly minimumOnSiteHours: number;
  /** The hotline's centre for a platform (its HOTLINE_CENTRE_ID and HOTLINE_PLATFORMS): owner of orders recorded before ownership was. */
  readonly centreOf: (platformId: string) => string;
}

export interface StreamKind {
  readonly category: string;
  /** The fold after `event` (from the stored fold, or null for a new stream). */
  evolve(summary: unknown, event: RecordedEvent): unknown;
  facts(summary: unknown, streamName: string): Fact[];
}

export const reportStreamCategories = [workOrderStreamCategory, legalAidStreamCategory, advisorLedgerCategory, walkInStreamCategory] as const;

// The folds are this service's own JSON, written and read only here: the casts sit at that boundary.
export function streamKinds(rules: FactRules): ReadonlyMap<string, StreamKind> {
  const workOrders = workOrderEventsFor({ centreOf: rules.centreOf });
  const kinds: StreamKind[] = [
    {
      category: workOrderStreamCategory,
      evolve: (s, e) => evolveWorkOrderSummary(s as WorkOrderSummary | null, workOrders.fromRecorded(e)),
      facts: (s) => workOrderFacts(s as WorkOrderSummary | null),
    },
    {
      category: legalAidStreamCategory,
      evolve: (s, e) => evolveLegalAidSummary(s as LegalAidSummary | null, legalAidEvents.fromRecorded(e), rules.workingDaysBetween),
      facts: (s) => legalAidFacts(s as LegalAidSummary | null),
    },
    {
      category: advisorLedgerCategory,
      evolve: (s, e) => evolveLedger((s as LedgerMonthState | null) ?? initialLedgerState(), advisorLedgerEvents.fromRecorded(e)),
      facts: (s, streamName) => advisorLedgerFacts((s as LedgerMonthState | null) ?? initialLedgerState(), streamName.slice(advisorLedgerCategory.length + 1), rules.minimumOnSiteHours),
    },
    {
      category: walkInStreamCategory,
      evolve: (s, e) => {
        const event = walkInEventOf(e);
        return event ? evolveWalkInSummary(s as WalkInSummary | null, event) : s;
      },
      facts: (s) => walkInFacts(s as WalkInSummary | null),
    },
  ];
  return new Map(kinds.map((k) => [k.category, k]));
}

export const kindOfStream = (kinds: ReadonlyMap<string, StreamKind>, streamName: string) => kinds.get(streamCategory(streamName));
