// A fact: one countable thing (a work order dispatched, a case granted, a ledger entry in force, a walk-in
// visit), at the organisation it belongs to, at the instant it happened, with the case it came from.
// Every figure is a count (or a sum of `value`) over facts of some kinds (docs/reports/counting-rules.md).
export const caseKinds = ['work-order', 'legal-aid', 'advisor-ledger', 'walk-in'] as const;
export type CaseKind = (typeof caseKinds)[number];

export const factKinds = [
  'walk_in.visit',
  'work_order.dispatched',
  'work_order.signed_for_on_time',
  'work_order.replied',
  'work_order.replied_on_time',
  'work_order.rated',
  'work_order.satisfied',
  'work_order.resolved',
  'work_order.overdue',
  'work_order.returned',
  'legal_aid.case',
  'legal_aid.received',
  'legal_aid.notified',
  'legal_aid.approved',
  'legal_aid.refused',
  'legal_aid.green_channel',
  'legal_aid.transferred_in',
  'legal_aid.transferred_out',
  'legal_aid.preliminary_aid',
  'legal_aid.quality_reviewed',
  'legal_aid.quality_excellent_or_good',
  'advisors.service',
  'advisors.month_met',
] as const;
export type FactKind = (typeof factKinds)[number];

export type Dims = Record<string, string>;

export interface Fact {
  /** Stable for the thing counted: the kind, the case and (for ledger entries) the entry. */
  readonly factId: string;
  readonly kind: FactKind;
  /** The organisation it belongs to; its district is the registry's. */
  readonly orgId: string;
  /** When it happened (ISO instant). */
  readonly occurredAt: string;
  readonly caseKind: CaseKind;
  readonly caseId: string;
  /** Persons (walk-ins), hours (advisors), working days to decision (legal aid); 1 otherwise. */
  readonly value: number;
  /** The breakdowns: matter type, channel, service type, topic … */
  readonly dims: Dims;
}

export const fact = (f: Omit<Fact, 'factId' | 'value' | 'dims'> & { value?: number; dims?: Dims; key?: string }): Fact => ({
  factId: `${f.kind}:${f.caseKind}:${f.caseId}${f.key ? `:${f.key}` : ''}`,
  kind: f.kind,
  orgId: f.orgId,
  occurredAt: f.occurredAt,
  caseKind: f.caseKind,
  caseId: f.caseId,
  value: f.value ?? 1,
  dims: f.dims ?? {},
});

/** Dims compared by content: a fold stored as jsonb comes back with its keys in another order. */
const sameDims = (a: Dims, b: Dims) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

/** Whether two versions of a fact count the same (a new version is recorded only when they do not). */
export const sameFact = (a: Fact, b: Fact) =>
  a.kind === b.kind && a.orgId === b.orgId && a.occurredAt === b.occurredAt && a.value === b.value && sameDims(a.dims, b.dims);
