// What the advisors service answers, as the pages read it (services/advisors README, routes table).

export interface PersonServed {
  name: string;
  phone: string | null;
}

export interface EntryContent {
  advisorId: string;
  date: string;
  startTime: string | null;
  type: string;
  reviewSubject: string | null;
  durationMinutes: number;
  mode: 'on_site' | 'remote';
  personsServed: PersonServed[];
  summary: string;
  evidence: Array<{ sha256: string; sizeBytes: number; mediaType: string | null }>;
  legalAidApplicationId: string | null;
}

export type EntryChange =
  | { change: 'logged'; at: string; content: EntryContent }
  | { change: 'corrected'; at: string; reason: string; changed: string[]; content: EntryContent }
  | { change: 'returned'; at: string; reason: string }
  | { change: 'voided'; at: string; reason: string };

/** An advisor as people know them (public: posted in the village); null when the register does not hold them. */
export interface AdvisorNamed {
  name: string;
  firm: string;
}

export interface LedgerEntry {
  entryId: string;
  status: 'standing' | 'voided';
  advisor: AdvisorNamed | null;
  content: EntryContent;
  returned: { reason: string; at: string } | null;
  voidReason: string | null;
  history: EntryChange[];
}

export interface AdvisorShare {
  advisorId: string;
  onSiteMinutes: number;
  advisor: AdvisorNamed | null;
}

export interface OnSite {
  outcome: 'met' | 'short' | 'excused';
  onSiteMinutes: number;
  minimumMinutes: number;
  shortByMinutes: number;
  byAdvisor: AdvisorShare[];
  excuse: { cause: string; reason: string; at: string } | null;
}

export interface Ledger {
  villageId: string;
  name: string;
  month: string;
  status: 'unopened' | 'open' | 'in_review' | 'approved';
  monthEnded: boolean;
  reviewStartedAt: string | null;
  approvedAt: string | null;
  reopenings: number;
  figures: { entries: number; returned: number; onSiteMinutes: number; remoteMinutes: number };
  onSite: OnSite;
  entries: LedgerEntry[];
}

export interface Recorded {
  position: string | null;
  alreadyApplied: boolean;
  entryId?: string;
}

export interface MyAppointment {
  villageId: string;
  name: string;
  from: string;
  to: string;
  endedOn: string | null;
}
