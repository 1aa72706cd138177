// Does the history the audit replays agree with what the services serve? For every case in the store (a
// 12345 work order, a legal-aid file, a village's monthly ledger), the state after its last event, replayed
// here with the owning service's own registry and evolve, is compared with that service's read-model row
// on every field both hold (status, owners, deadlines, assignee, counts and figures; the advisors' row and
// the legal-aid row keep the decider's whole state, compared leaf by leaf, personal data aside where the
// row keeps it masked). A case with no row, or a row with no case, is a disagreement too. Reusable: give it
// any store and the databases the read models live in (a test's small dataset, or a generated
// district-year). The rows are read by SQL, by their table and column names: nothing of the services'
// read-model code is imported, so a projection that drifts from its own domain is what this finds.
import { type EventStore, streamCategory } from '@bureau/event-store';
import { PERSONAL_DATA_FIELDS } from '@bureau/service-kit';
import type { CaseKind } from '../cases/case-kind.js';
import { readStreamEvents } from '../history/read-case.js';

/** A pg Pool or Client: what the read-model rows are read through. */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface ReadModelDatabases {
  /** Where hotline_work_orders lives (the hotline's read models). */
  readonly hotline?: Queryable;
  /** Where legal_aid_files lives. */
  readonly legalAid?: Queryable;
  /** Where advisors_ledger_months lives. */
  readonly advisors?: Queryable;
}

export interface Disagreement {
  readonly kind: string;
  readonly stream: string;
  /** The state's path and the row's column: `replyDueAt / reply_due_at`. */
  readonly field: string;
  readonly replayed: unknown;
  readonly served: unknown;
}

export interface AgreementReport {
  /** Cases compared, by kind. */
  readonly cases: Record<string, number>;
  readonly disagreements: Disagreement[];
}

type Row = Record<string, unknown>;

interface Source {
  readonly kind: string;
  readonly category: string;
  readonly database: keyof ReadModelDatabases;
  readonly sql: string;
  /** The stream a row is the read model of. */
  readonly streamOf: (row: Row) => string;
  /** [state path, row column] pairs compared one to one. */
  readonly fields: readonly (readonly [string, string])[];
  /** A column holding the decider's whole state, compared leaf by leaf. */
  readonly stateColumn?: string;
}

const SOURCES: readonly Source[] = [
  {
    kind: 'work-order', category: 'hotlineWorkOrder', database: 'hotline',
    sql: 'select * from hotline_work_orders',
    streamOf: (row) => `hotlineWorkOrder-${String(row.work_order_id)}`,
    fields: [
      ['status', 'status'], ['owner', 'owner'], ['platformId', 'platform_id'], ['externalNumber', 'external_number'],
      ['category', 'category'], ['unitRole', 'unit_role'], ['dispatchedAt', 'dispatched_at'], ['platformDueAt', 'platform_due_at'],
      ['signForDueAt', 'sign_for_due_at'], ['replyDueAt', 'reply_due_at'], ['returnWindowEndsAt', 'return_window_ends_at'],
      ['calendarVersion', 'calendar_version'], ['provisionalYears', 'provisional_years'], ['assigneeStaffId', 'assignee_staff_id'],
      ['extensionWorkingDaysApproved', 'extension_days_approved'], ['urgeCount', 'urge_count'], ['supervisionCount', 'supervision_count'],
      ['noticeCount', 'notice_count'], ['replyCount', 'reply_count'], ['redoCount', 'redo_count'], ['noteIds.length', 'note_count'],
      ['mergedExternalNumbers', 'merged_external_numbers'], ['signedFor.signedForAt', 'signed_for_at'], ['signedFor.onTime', 'signed_for_on_time'],
      ['lastReply.repliedAt', 'replied_at'], ['lastReply.onTime', 'replied_on_time'],
    ],
  },
  {
    kind: 'legal-aid', category: 'legalAidCase', database: 'legalAid',
    sql: 'select * from legal_aid_files',
    streamOf: (row) => `legalAidCase-${String(row.case_id)}`,
    fields: [['status', 'status'], ['receivingOrganisationId', 'receiving_org'], ['holderOfficeId', 'holder_office']],
    stateColumn: 'file_state',
  },
  {
    kind: 'advisor-ledger', category: 'advisorLedger', database: 'advisors',
    sql: 'select * from advisors_ledger_months',
    streamOf: (row) => String(row.stream_name),
    fields: [['status', 'status'], ['villageId', 'village_id'], ['judicialOfficeId', 'judicial_office_id'], ['month', 'month']],
    stateColumn: 'state',
  },
];

const PERSONAL = new Set<string>(PERSONAL_DATA_FIELDS);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function at(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (key === 'length' && Array.isArray(v)) return v.length;
    v = isRecord(v) ? v[key] : undefined;
  }
  return v;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** Instants compared as instants (a Date from a column, an ISO string in a state); a missing field as null. */
function normal(v: unknown): unknown {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && INSTANT.test(v)) return Date.parse(v);
  if (Array.isArray(v)) return v.map(normal);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, normal(x)]));
  return v ?? null;
}
const same = (a: unknown, b: unknown) => JSON.stringify(normal(a)) === JSON.stringify(normal(b));

/** `served` is `replayed` with some characters starred out (an ID number as a row keeps it: 440114********1233). */
function isMaskedFormOf(replayed: unknown, served: unknown): boolean {
  if (typeof replayed !== 'string' || typeof served !== 'string' || !served.includes('*')) return false;
  const [r, s] = [Array.from(replayed), Array.from(served)];
  return r.length === s.length && s.every((c, i) => c === '*' || c === r[i]);
}

/**
 * Leaf-by-leaf comparison of two whole states. Where the row keeps personal data masked, a personal-data
 * field is skipped, and any other value the row holds as the replayed one starred out counts as the same.
 */
function compareStates(replayed: unknown, served: unknown, path: string, skipPersonal: boolean, out: [string, unknown, unknown][]): void {
  if (isRecord(replayed) && isRecord(served)) {
    for (const key of new Set([...Object.keys(replayed), ...Object.keys(served)])) {
      if (skipPersonal && PERSONAL.has(key)) continue;
      compareStates(replayed[key], served[key], path === '' ? key : `${path}.${key}`, skipPersonal, out);
    }
  } else if (Array.isArray(replayed) && Array.isArray(served) && replayed.length === served.length) {
    replayed.forEach((r, i) => compareStates(r, served[i], `${path}[${i}]`, skipPersonal, out));
  } else if (!same(replayed, served) && !(skipPersonal && isMaskedFormOf(replayed, served))) {
    out.push([path, replayed, served]);
  }
}

const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

export async function readModelAgreement(store: EventStore, kinds: ReadonlyMap<string, CaseKind>, databases: ReadModelDatabases): Promise<AgreementReport> {
  const sources = SOURCES.filter((s) => databases[s.database] !== undefined);
  const streams = new Map<string, Set<string>>(sources.map((s) => [s.category, new Set<string>()]));
  for await (const e of store.readAll({ filter: { streamCategories: sources.map((s) => s.category) } })) streams.get(streamCategory(e.streamName))?.add(e.streamName);

  const cases: Record<string, number> = {};
  const disagreements: Disagreement[] = [];
  for (const source of sources) {
    const kind = kinds.get(source.kind);
    const db = databases[source.database];
    if (!kind || !db) continue;
    const rows = new Map((await db.query<Row>(source.sql)).rows.map((row) => [source.streamOf(row), row]));
    const names = new Set([...(streams.get(source.category) ?? []), ...rows.keys()]);
    cases[source.kind] = names.size;
    for (const stream of [...names].sort()) {
      const differ = (field: string, replayed: unknown, served: unknown) => disagreements.push({ kind: source.kind, stream, field, replayed, served });
      const row = rows.get(stream);
      const events = await readStreamEvents(store, stream);
      const last = events ? kind.replay(events).at(-1) : undefined;
      if (!row || !last) {
        differ('(row)', last ? 'a case' : 'no case', row ? 'a row' : 'no row');
        continue;
      }
      if (String(row.revision) !== last.recorded.revision.toString()) differ('(revision) / revision', last.recorded.revision.toString(), row.revision);
      for (const [path, column] of source.fields) {
        if (!same(at(last.state, path), row[column])) differ(`${path} / ${column}`, at(last.state, path), row[column]);
      }
      if (source.stateColumn) {
        const found: [string, unknown, unknown][] = [];
        // The legal-aid row keeps the state with every person masked; the advisors' keeps it whole.
        compareStates(JSON.parse(JSON.stringify(last.state)), parsed(row[source.stateColumn]), '', source.kind === 'legal-aid', found);
        for (const [path, replayed, served] of found) differ(`${path} / ${source.stateColumn}.${path}`, replayed, served);
      }
    }
  }
  return { cases, disagreements };
}
