// A spreadsheet of ledger rows (CSV, or XLSX with one or more sheets) imported all or nothing (issue 18). Design (service README, "Import"):
// 1. parse every row (parseLedgerSheet: what a row says by itself), villages and advisors looked up
//    within the caller's reach only;
// 2. validate every row against the ledgers as they stand: each village-month's commands are decided in
//    file order on the stream's state (appointments, duplicates, approved months). Any error: the whole
//    list is answered and nothing is written. Rows already logged (same id or same service, same
//    content) count as already there: a re-imported file writes nothing, an overlapping one only its new rows;
// 3. the file is kept (by its SHA-256, storage/import-files.ts), then the import is accepted in ONE event
//    on its own stream (one atomic append, on either event store): each ledger's new row numbers and the
//    digest of its rows as read, and every name the file used as found; from here the import is decided.
//    The event does not carry the rows (100,000 of them made one event of tens of megabytes, the import's
//    costliest append): an import left unfinished is completed from the kept file read the same way;
// 4. each ledger gets its rows in one append, under a command id derived from the import and the stream,
//    so applying again (after a crash, on restart or on uploading the same file again) writes nothing twice;
//    the events are those step 2 decided, appended at the revision step 2 read (each ledger decided once);
//    a ledger that moved in between is decided again on what it holds (handleCommand);
// 5. the completion is recorded on the import's stream.
import { createHash } from 'node:crypto';
import type { RegistryState } from '@bureau/organisations';
import { DomainRuleError, handleCommand, uuidV5, type CommandContext, type Reach } from '@bureau/service-kit';
import type { Actor } from '@bureau/event-store';
import {
  advisorImportStreamName, advisorLedgerDecider, advisorLedgerStreamName, advisorRegisterDecider, advisorRegisterStreamName, beijingDateOf,
  evolveLedger, ledgerImportDecider, monthEndsAt, type AcceptedBatch, type AcceptImport, type ImportBatch, type ImportReading, type ImportState, type LedgerEvent,
  type LedgerMonthState, type LogService,
} from '../domain/index.js';
import { advisorLedgerEvents, advisorRegisterEvents, checkedLedgerEvents, ledgerImportEvents } from '../events/index.js';
import { allVillages, villageOf } from '../registry/villages.js';
import type { ImportFiles } from '../storage/import-files.js';
import { importRefused, ledgerKey, ledgerRowsDigest, readLedgerRows, recordedReading, remembering, type FileProblem, type LedgerRows, type SpreadsheetKind } from './import-rows.js';
import { appendDecided, type Decided } from './append-decided.js';
import { stateOrInitial } from './read-stream.js';
import { boundLedgerDecider, judgeAgain, type LedgerDeps } from './run-ledger-command.js';

export { importRefused, type FileProblem, type SpreadsheetKind } from './import-rows.js';

/** What an import runs on: the ledgers' dependencies and where accepted files are kept. */
export type ImportDeps = LedgerDeps & { readonly importFiles: ImportFiles };

export interface ImportInput {
  readonly file: Buffer;
  readonly kind: SpreadsheetKind;
  readonly fileName: string | null;
  readonly actor: Actor;
  readonly reach: Pick<Reach, 'includes'>;
  /** An advisor imports their own ledger: every row is theirs. */
  readonly ownAdvisorId: string | undefined;
  /** For a file without a 法律顾问 column, imported by the district: whose ledger it is. */
  readonly advisorId: string | undefined;
  readonly now: Date;
  readonly correlationId: string;
  /** Told as the import goes: for a command line's progress bar. */
  readonly progress?: ImportProgress;
}

export type ImportPhase = 'reading' | 'checking' | 'writing' | 'done';
export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void;

export interface ImportSummary {
  readonly importId: string;
  readonly status: 'completed' | 'nothing_new';
  readonly rows: number;
  readonly newRows: number;
  readonly alreadyLogged: number;
  readonly ledgers: { villageId: string; month: string; newRows: number }[];
}

/** How many ledgers an import writes at once (each is its own stream: they do not contend). */
const LEDGERS_AT_ONCE = 8;
/**
 * How many ledgers validation reads at once (a ledger and its village's appointments, both at once). Reads
 * waiting together leave as one query (the store's batched stream reads, up to 64 streams): 400 ledgers
 * read 8 at a time, one stream after the other, were 800 round trips.
 */
const LEDGERS_READ_AT_ONCE = 32;

/** `fn` over `items`, at most `n` at a time; results in the items' order. */
async function inParallel<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}

const IMPORT_NAMESPACE = '0b7f7a0e-3f7c-4f0e-8d4c-61b2a1e5c9d3';

/** The names a file may use, within the caller's reach, each remembered when found (for ImportReading). */
async function lookups(deps: LedgerDeps, registry: RegistryState, input: ImportInput) {
  const villages = allVillages(registry).filter((v) => input.reach.includes(v.judicialOfficeId));
  // Indexed once per import, not scanned per row (a province's 100,000 rows against its 400 villages):
  // a name two villages in reach share finds neither (undefined), as an unknown name does.
  const byName = new Map<string, string | undefined>();
  for (const v of villages) byName.set(v.name, byName.has(v.name) ? undefined : v.villageId);
  const advisors = new Map<string, string | undefined>();
  for (const districtId of new Set(villages.map((v) => v.districtId))) {
    const { state } = await stateOrInitial(deps.store, advisorRegisterEvents, advisorRegisterDecider, advisorRegisterStreamName(districtId));
    if (state.status !== 'kept') continue;
    for (const a of state.advisors) {
      if (input.ownAdvisorId !== undefined && a.advisorId !== input.ownAdvisorId) continue;
      for (const key of [a.name, a.licenceNumber]) advisors.set(key, advisors.has(key) && advisors.get(key) !== a.advisorId ? undefined : a.advisorId);
    }
  }
  return { villages: remembering((name) => byName.get(name)), advisors: remembering((text) => advisors.get(text)) };
}

/** A task runner that runs at most `n` tasks at once, the rest waiting their turn in order. */
function atMost(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

interface LedgerAsItStands {
  readonly decider: Awaited<ReturnType<typeof boundLedgerDecider>>;
  readonly read: { state: LedgerMonthState; revision: bigint };
}

/** A ledger as it stands, with its decider (the village's appointments): both read at once. */
async function ledgerAsItStands(deps: LedgerDeps, registry: RegistryState, group: LedgerRows, now: Date): Promise<LedgerAsItStands | undefined> {
  const village = villageOf(registry, group.villageId);
  if (!village) return undefined;
  // The ledger's events need only the decider's initial state and evolve, not its appointments.
  const [decider, read] = await Promise.all([
    boundLedgerDecider(deps, village, group.month, now),
    stateOrInitial(deps.store, advisorLedgerEvents, advisorLedgerDecider, advisorLedgerStreamName(group.villageId, group.month)),
  ]);
  return { decider, read };
}

/** Validates the whole file against the ledgers as they stand: the new rows per ledger, or every error. */
async function validate(deps: LedgerDeps, input: ImportInput): Promise<{
  batches: ImportBatch[]; accepted: AcceptedBatch[]; reading: ImportReading; rowCount: number; alreadyLogged: number; decided: DecidedLedgers;
}> {
  const registry = deps.registry();
  const names = await lookups(deps, registry, input);
  const advisorId = input.ownAdvisorId ?? input.advisorId;
  input.progress?.('reading', 0, 1);
  // Each ledger (and its village's appointments) is read as soon as the file's first row for it is read:
  // the database answers while the rest of the file is read (a few ledgers at a time, LEDGERS_READ_AT_ONCE).
  const reads = new Map<string, Promise<LedgerAsItStands | undefined>>();
  const reading = atMost(LEDGERS_READ_AT_ONCE);
  let rows: Awaited<ReturnType<typeof readLedgerRows>>;
  try {
    // An advisor's own file names only them (a 法律顾问 column naming another is unknown to advisorIdOf).
    rows = await readLedgerRows(input.file, input.kind, {
      today: beijingDateOf(input.now), villageIdOf: names.villages.lookup, advisorIdOf: names.advisors.lookup, advisorId,
    }, (group) => reads.set(ledgerKey(group.villageId, group.month), reading(() => ledgerAsItStands(deps, registry, group, input.now))));
  } catch (error) {
    await Promise.allSettled(reads.values()); // a refused file: the reads begun are let finish, their answers unused
    throw error;
  }
  const { groups, rowCount } = rows;
  input.progress?.('reading', 1, 1);
  const errors: FileProblem[] = [];
  let alreadyLogged = 0;
  let checked = 0;
  // Each ledger's rows decided in file order on the ledger as read.
  const decided = await Promise.all([...groups.entries()].map(async ([key, group]) => {
    const ledger = await reads.get(key);
    if (!ledger) return undefined; // found by villageIdOf within reach a moment ago
    const { decider, read } = ledger;
    let state = read.state;
    const batch: ImportBatch = { villageId: group.villageId, month: group.month, rows: [], commands: [] };
    const events: LedgerEvent[] = [];
    for (const { sheet, row, command } of group.items) {
      try {
        const rowEvents = decider.decide(command, state);
        if (rowEvents.length === 0) alreadyLogged += 1;
        else {
          for (const event of rowEvents) {
            state = evolveLedger(state, event);
            events.push(event);
          }
          batch.rows.push(row);
          batch.commands.push(command.data);
        }
      } catch (error) {
        if (!(error instanceof DomainRuleError)) throw error;
        errors.push({ sheet, row, column: null, rule: error.rule, detail: error.detail ?? error.message });
      }
    }
    checked += 1;
    input.progress?.('checking', checked, groups.size);
    if (batch.commands.length === 0) return undefined;
    const accepted: AcceptedBatch = { villageId: batch.villageId, month: batch.month, rows: batch.rows, ledgerRowsSha256: ledgerRowsDigest(group.items) };
    return { batch, accepted, events, revision: read.revision };
  }));
  const found = decided.filter((d) => d !== undefined);
  if (errors.length > 0) throw importRefused(errors.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row));
  return {
    batches: found.map((d) => d.batch), accepted: found.map((d) => d.accepted), rowCount, alreadyLogged,
    reading: { kind: input.kind, advisorId: advisorId ?? null, villages: names.villages.found(), advisors: names.advisors.found() },
    decided: new Map(found.map((d) => [advisorLedgerStreamName(d.batch.villageId, d.batch.month), { revision: d.revision, events: d.events }])),
  };
}

/**
 * An accepted import's rows per ledger stream: held by the event (imports accepted before the file was
 * kept), or read again from the kept file as it was read at acceptance, and only if each ledger's rows
 * read the same (a changed parser must not apply other rows than those accepted: the import then stays
 * accepted, and says why in the error).
 */
async function acceptedRows(deps: ImportDeps, accepted: AcceptImport['data']): Promise<Map<string, LogService['data'][]>> {
  const byLedger = new Map<string, LogService['data'][]>();
  const missing = accepted.batches.filter((b) => b.commands === undefined);
  for (const b of accepted.batches) if (b.commands !== undefined) byLedger.set(advisorLedgerStreamName(b.villageId, b.month), b.commands);
  if (missing.length === 0) return byLedger;
  const { reading } = accepted;
  if (reading === undefined) throw new Error(`import ${accepted.importId}: accepted without its rows and without how its file was read`);
  const file = await deps.importFiles.read(accepted.fileSha256);
  if (file === undefined) throw new Error(`import ${accepted.importId}: its file ${accepted.fileSha256} is not kept`);
  const { groups } = await readLedgerRows(file, reading.kind, recordedReading(reading, beijingDateOf(new Date(accepted.acceptedAt))));
  for (const b of missing) {
    const group = groups.get(ledgerKey(b.villageId, b.month));
    if (group === undefined || ledgerRowsDigest(group.items) !== b.ledgerRowsSha256) {
      throw new Error(`import ${accepted.importId}: the kept file no longer reads as it did when accepted (ledger ${b.villageId} ${b.month})`);
    }
    // Every row of the file for this ledger: those already logged at acceptance are decided as already there.
    byLedger.set(advisorLedgerStreamName(b.villageId, b.month), group.items.map((i) => i.command.data));
  }
  return byLedger;
}

/** The import stream as last read or written: its state and the revision it is at. */
type KnownImport = { readonly state: ImportState; readonly revision: bigint };

/** What this upload decided, when it accepted the import itself (not when completing an earlier one). */
interface DecidedHere {
  /** Per ledger stream: the events validation decided for the file's new rows, on the state at `revision`. */
  readonly decided: DecidedLedgers;
  /** Per ledger stream: the new rows, should the ledger have moved since and the rows be decided again. */
  readonly rows: Map<string, LogService['data'][]>;
}

/**
 * Applies an accepted import to its ledgers (idempotent per ledger) and records its completion, decided on
 * `known` (the import stream as this upload left it) when given.
 */
export async function applyImport(
  deps: ImportDeps, importId: string, accepted: AcceptImport['data'], actor: Actor, now: Date, correlationId: string,
  progress?: ImportProgress, here?: DecidedHere, known?: KnownImport,
): Promise<void> {
  const registry = deps.registry();
  let written = 0;
  // Read from the event or the kept file only when a ledger must be decided again (a crash, a moved ledger).
  let rowsRead: Promise<Map<string, LogService['data'][]>> | undefined;
  const rowsOf = async (streamName: string) => {
    const rows = here?.rows.get(streamName) ?? (await (rowsRead ??= acceptedRows(deps, accepted))).get(streamName);
    if (rows === undefined) throw new Error(`import ${importId}: no rows for ${streamName}`);
    return rows;
  };
  await inParallel(accepted.batches, LEDGERS_AT_ONCE, async (batch) => {
    const village = villageOf(registry, batch.villageId);
    if (!village) throw new Error(`import ${importId}: village ${batch.villageId} is no longer in the registry`);
    const context: CommandContext = { commandId: uuidV5(`${importId}:${batch.villageId}_${batch.month}`, IMPORT_NAMESPACE), actor, correlationId, causationId: importId, occurredAt: now };
    const streamName = advisorLedgerStreamName(batch.villageId, batch.month);
    const ready = here?.decided.get(streamName);
    // Decided once: the events validation decided are appended as they are, expecting the revision it
    // read. Only if the ledger moved since (someone wrote to it) is the batch decided again on what it
    // holds now, by handleCommand (which also finds a batch applied before under the same command id).
    if (!ready || !(await appendDecided(deps.store, checkedLedgerEvents, streamName, ready, context))) {
      const commands = await rowsOf(streamName);
      const decider = await boundLedgerDecider(deps, village, batch.month, now);
      await handleCommand({
        store: deps.store,
        registry: advisorLedgerEvents,
        streamName,
        decider: {
          initialState: decider.initialState,
          evolve: decider.evolve,
          // The batch's rows in file order, each decided on the state the earlier ones left.
          decide: (all: readonly LogService['data'][], state: LedgerMonthState) => {
            const events = [];
            let current = state;
            for (const data of all) {
              const rowEvents = decider.decide({ type: 'LogService', data }, current);
              current = rowEvents.reduce<LedgerMonthState>(evolveLedger, current);
              events.push(...rowEvents);
            }
            return events;
          },
        },
        command: commands,
        context,
      });
    }
    if (now >= monthEndsAt(batch.month)) await judgeAgain(deps, village, batch.month, now, context);
    written += batch.rows.length;
    progress?.('writing', written, accepted.rowCount - accepted.alreadyLogged);
  });
  // Decided on the import's state as accepted (or as read), not on the stream read again. Gone the
  // ordinary way only if it moved since.
  const complete = { type: 'CompleteImport', data: { completedAt: now.toISOString() } } as const;
  const context: CommandContext = { commandId: uuidV5(`${importId}:complete`, IMPORT_NAMESPACE), actor, correlationId, occurredAt: now };
  const streamName = advisorImportStreamName(importId);
  if (known) {
    const events = ledgerImportDecider.decide(complete, known.state);
    if (events.length === 0 || (await appendDecided(deps.store, ledgerImportEvents, streamName, { revision: known.revision, events }, context))) return;
  }
  await handleCommand({ store: deps.store, registry: ledgerImportEvents, streamName, decider: ledgerImportDecider, command: complete, context });
}

/** Per ledger stream: the events validation decided for the file's new rows, on the state at `revision`. */
type DecidedLedgers = Map<string, Decided<LedgerEvent>>;

const newRowsOf = (accepted: AcceptImport['data']) => accepted.batches.reduce((n, b) => n + b.rows.length, 0);

export async function importLedgerFile(deps: ImportDeps, input: ImportInput): Promise<ImportSummary> {
  const fileSha256 = createHash('sha256').update(input.file).digest('hex');
  const importId = `${fileSha256.slice(0, 40)}-${createHash('sha256').update(`${input.actor.organisation}|${input.ownAdvisorId ?? input.advisorId ?? ''}`).digest('hex').slice(0, 12)}`;
  const validated = await validate(deps, input);
  const { rowCount, alreadyLogged } = validated;
  const streamName = advisorImportStreamName(importId);
  const read = await stateOrInitial(deps.store, ledgerImportEvents, ledgerImportDecider, streamName);
  if (validated.batches.length === 0 && read.state.status !== 'accepted') return { importId, status: 'nothing_new', rows: rowCount, newRows: 0, alreadyLogged, ledgers: [] };
  const accepted: AcceptImport['data'] = read.state.status === 'accepted'
    ? read.state.accepted // an earlier upload of this file was accepted and not completed: complete it
    : { importId, fileSha256, fileName: input.fileName, rowCount, alreadyLogged, batches: validated.accepted, reading: validated.reading, acceptedAt: input.now.toISOString() };
  let known: KnownImport | undefined = read;
  if (read.state.status !== 'accepted') {
    // The file is kept before the import is accepted: an accepted import can always be completed from it.
    await deps.importFiles.keep(input.file, input.actor.id, input.now);
    const accept = { type: 'AcceptImport', data: accepted } as const;
    const context: CommandContext = { commandId: uuidV5(`${importId}:accept:${input.now.toISOString()}`, IMPORT_NAMESPACE), actor: input.actor, correlationId: input.correlationId, occurredAt: input.now };
    // Decided on the stream as just read; gone the ordinary way only if it moved since (the same file uploaded twice at once).
    const events = ledgerImportDecider.decide(accept, read.state);
    const appended = events.length === 0 ? undefined : await appendDecided(deps.store, ledgerImportEvents, streamName, { revision: read.revision, events }, context);
    if (appended) known = { state: events.reduce(ledgerImportDecider.evolve, read.state), revision: appended.nextExpectedRevision };
    else if (events.length > 0) {
      await handleCommand({ store: deps.store, registry: ledgerImportEvents, streamName, decider: ledgerImportDecider, command: accept, context });
      known = undefined;
    }
  }
  // What validation decided is what was accepted only when this upload accepted it (not when completing an earlier one).
  const here = read.state.status === 'accepted' ? undefined : {
    decided: validated.decided,
    rows: new Map(validated.batches.map((b) => [advisorLedgerStreamName(b.villageId, b.month), b.commands])),
  };
  await applyImport(deps, importId, accepted, input.actor, input.now, input.correlationId, input.progress, here, known);
  input.progress?.('done', 1, 1);
  return {
    importId, status: 'completed', rows: rowCount, newRows: newRowsOf(accepted), alreadyLogged,
    ledgers: accepted.batches.map((b) => ({ villageId: b.villageId, month: b.month, newRows: b.rows.length })),
  };
}

/** On start: every accepted import not completed (a crash between acceptance and completion) is completed. */
export async function completePendingImports(deps: ImportDeps, now: Date): Promise<number> {
  const pending = new Map<string, { actor: Actor }>();
  for await (const recorded of deps.store.readAll({ filter: { streamCategories: ['advisorImport'] } })) {
    const importId = recorded.streamName.slice('advisorImport-'.length);
    if (recorded.type === 'LedgerImportAccepted') pending.set(importId, { actor: { id: 'advisors-service', role: 'system', organisation: 'import' } });
    if (recorded.type === 'LedgerImportCompleted') pending.delete(importId);
  }
  for (const [importId, { actor }] of pending) {
    const known = await stateOrInitial(deps.store, ledgerImportEvents, ledgerImportDecider, advisorImportStreamName(importId));
    if (known.state.status === 'accepted') await applyImport(deps, importId, known.state.accepted, actor, now, `resume-${importId}`, undefined, undefined, known);
  }
  return pending.size;
}
