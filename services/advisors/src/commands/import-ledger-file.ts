// A spreadsheet of ledger rows (CSV, or XLSX with one or more sheets) imported all or nothing (issue 18). Design (service README, "Import"):
// 1. parse every row (parseLedgerSheet: what a row says by itself), villages and advisors looked up
//    within the caller's reach only;
// 2. validate every row against the ledgers as they stand: each village-month's commands are decided in
//    file order on the stream's state (appointments, duplicates, approved months). Any error: the whole
//    list is answered and nothing is written. Rows already logged (same id or same service, same
//    content) count as already there: a re-imported file writes nothing, an overlapping one only its new rows;
// 3. the new rows are accepted in ONE event on the import's own stream (one atomic append, on either
//    event store): from here the import is decided;
// 4. each ledger gets its rows in one append, under a command id derived from the import and the stream,
//    so applying again (after a crash, on restart or on uploading the same file again) writes nothing twice;
//    the events are those step 2 decided, appended at the revision step 2 read (each ledger decided once);
//    a ledger that moved in between is decided again on what it holds (handleCommand);
// 5. the completion is recorded on the import's stream.
import { createHash } from 'node:crypto';
import type { RegistryState } from '@bureau/organisations';
import { DomainRuleError, handleCommand, HttpProblem, uuidV5, type CommandContext, type Reach } from '@bureau/service-kit';
import type { Actor } from '@bureau/event-store';
import {
  advisorImportStreamName, advisorLedgerStreamName, advisorRegisterDecider, advisorRegisterStreamName, beijingDateOf,
  evolveLedger, ledgerImportDecider, monthEndsAt, monthOf, type AcceptImport, type ImportBatch, type ImportState, type LedgerEvent, type LedgerMonthState, type LogService,
} from '../domain/index.js';
import { advisorLedgerEvents, advisorRegisterEvents, checkedImportEvents, checkedLedgerEvents, ledgerImportEvents } from '../events/index.js';
import { parseLedgerSheet, readCsv, readXlsx, type ImportError } from '../import/index.js';
import { allVillages, villageOf } from '../registry/villages.js';
import { appendDecided, type Decided } from './append-decided.js';
import { stateOrInitial } from './read-stream.js';
import { boundLedgerDecider, judgeAgain, type LedgerDeps } from './run-ledger-command.js';

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

/** How many ledgers an import reads or writes at once (each is its own stream: they do not contend). */
const LEDGERS_AT_ONCE = 8;

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

/** One line per problem, as formatImportErrors writes the parser's: "第3行 [日期] invalid_date: …". */
const formatProblems = (errors: readonly FileProblem[]) =>
  errors.map((e) => `${e.sheet ? `${e.sheet} ` : ''}第${e.row}行${e.column ? ` [${e.column}]` : ''} ${e.rule}: ${e.detail}`).join('\n');

/** A problem with the file: the parser's (ImportError) or a ledger rule a row would break. */
export type FileProblem = Omit<ImportError, 'rule'> & { readonly rule: string };

export const importRefused = (errors: readonly FileProblem[]) =>
  new HttpProblem(422, 'Unprocessable Content', 'urn:bureau:problem:import-refused',
    `文件未导入，共${errors.length}处错误 / nothing was imported: ${errors.length} problem(s) to fix in the file.\n${formatProblems(errors)}`,
    {
      rule: 'import_refused',
      // Every bad row as JSON (sheet, row as the spreadsheet numbers it, column header, rule, detail) ...
      importErrors: errors,
      // ... and in the kit's field-error form, for clients that only read that.
      errors: errors.map((e) => ({ field: `body.row${e.row}${e.column ? `.${e.column}` : ''}`, rule: e.rule, message: e.detail })),
    });

function rowNumbersOf(rows: readonly (readonly string[])[]): number[] {
  const blank = (r: readonly string[]) => r.every((c) => c.trim() === '');
  const header = rows.findIndex((r) => !blank(r));
  return rows.flatMap((r, i) => (i > header && !blank(r) ? [i + 1] : []));
}

async function lookups(deps: LedgerDeps, registry: RegistryState, input: ImportInput) {
  const villages = allVillages(registry).filter((v) => input.reach.includes(v.judicialOfficeId));
  // Indexed once per import, not scanned per row (a province's 100,000 rows against its 400 villages):
  // a name two villages in reach share finds neither (undefined), as an unknown name does.
  const byName = new Map<string, string | undefined>();
  for (const v of villages) byName.set(v.name, byName.has(v.name) ? undefined : v.villageId);
  const villageIdOf = (name: string) => byName.get(name.trim());
  const advisors = new Map<string, string | undefined>();
  for (const districtId of new Set(villages.map((v) => v.districtId))) {
    const { state } = await stateOrInitial(deps.store, advisorRegisterEvents, advisorRegisterDecider, advisorRegisterStreamName(districtId));
    if (state.status !== 'kept') continue;
    for (const a of state.advisors) {
      if (input.ownAdvisorId !== undefined && a.advisorId !== input.ownAdvisorId) continue;
      for (const key of [a.name, a.licenceNumber]) advisors.set(key, advisors.has(key) && advisors.get(key) !== a.advisorId ? undefined : a.advisorId);
    }
  }
  return { villageIdOf, advisorIdOf: (text: string) => advisors.get(text.trim()) };
}

export type SpreadsheetKind = 'csv' | 'xlsx';

/** The file's sheets as rows of cell strings (a CSV is one sheet without a name), or why it cannot be read. */
async function sheetsOf(file: Buffer, kind: SpreadsheetKind): Promise<{ sheet: string | null; rows: string[][] }[]> {
  if (kind === 'xlsx') {
    const workbook = await readXlsx(file);
    if (!workbook.ok) throw importRefused([{ sheet: null, row: 0, column: null, rule: workbook.rule, detail: workbook.detail }]);
    // A sheet with nothing in it (a workbook's spare Sheet2) is not a ledger.
    const sheets = workbook.sheets.filter((s) => s.rows.some((r) => r.some((c) => c.trim() !== ''))).map((s) => ({ sheet: s.name, rows: s.rows }));
    if (sheets.length === 0) throw importRefused([{ sheet: null, row: 1, column: null, rule: 'empty_file', detail: '文件没有表头或数据 / the file has no header row or no data' }]);
    return sheets;
  }
  const csv = readCsv(file);
  if (!csv.ok) throw importRefused([{ sheet: null, row: csv.row, column: null, rule: csv.rule, detail: csv.detail }]);
  return [{ sheet: null, rows: csv.rows }];
}

/** Validates the whole file against the ledgers as they stand: the new rows per ledger, or every error. */
async function validate(deps: LedgerDeps, input: ImportInput): Promise<{ batches: ImportBatch[]; rowCount: number; alreadyLogged: number; decided: DecidedLedgers }> {
  const registry = deps.registry();
  const { villageIdOf, advisorIdOf } = await lookups(deps, registry, input);
  const advisorId = input.ownAdvisorId ?? input.advisorId;
  const parseErrors: FileProblem[] = [];
  const groups = new Map<string, { villageId: string; month: string; items: { sheet: string | null; row: number; command: LogService }[] }>();
  let rowCount = 0;
  input.progress?.('reading', 0, 1);
  const sheets = await sheetsOf(input.file, input.kind);
  input.progress?.('reading', 1, 1);
  for (const { sheet, rows } of sheets) {
    const parsed = parseLedgerSheet(rows, { today: beijingDateOf(input.now), villageIdOf, advisorIdOf, sheet, ...(advisorId ? { advisorId } : {}) });
    if (!parsed.ok) {
      parseErrors.push(...parsed.errors);
      continue;
    }
    const rowNumbers = rowNumbersOf(rows);
    rowCount += parsed.commands.length;
    parsed.commands.forEach((command, i) => {
      // An advisor's own file names only them (a 法律顾问 column naming another is unknown to advisorIdOf).
      const month = monthOf(command.data.date);
      const key = `${command.data.villageId}_${month}`;
      const group = groups.get(key) ?? { villageId: command.data.villageId, month, items: [] };
      group.items.push({ sheet, row: rowNumbers[i] ?? 0, command });
      groups.set(key, group);
    });
  }
  if (parseErrors.length > 0) throw importRefused(parseErrors);
  const errors: FileProblem[] = [];
  let alreadyLogged = 0;
  // Ledgers are independent: read and decided a few at a time (the reads wait on the database).
  let checked = 0;
  const decided = await inParallel([...groups.values()], LEDGERS_AT_ONCE, async (group) => {
    input.progress?.('checking', checked, groups.size);
    const village = villageOf(registry, group.villageId);
    if (!village) return undefined; // found by villageIdOf within reach a moment ago
    const decider = await boundLedgerDecider(deps, village, group.month, input.now);
    const read = await stateOrInitial(deps.store, advisorLedgerEvents, decider, advisorLedgerStreamName(group.villageId, group.month));
    let state = read.state;
    const batch: ImportBatch = { villageId: group.villageId, month: group.month, rows: [], commands: [] };
    const events: LedgerEvent[] = [];
    for (const { sheet, row, command } of group.items) {
      try {
        const rowEvents = decider.decide(command, state);
        if (rowEvents.length === 0) alreadyLogged += 1;
        else {
          state = rowEvents.reduce<LedgerMonthState>(evolveLedger, state);
          events.push(...rowEvents);
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
    return batch.commands.length > 0 ? { batch, events, revision: read.revision } : undefined;
  });
  const found = decided.filter((d) => d !== undefined);
  if (errors.length > 0) throw importRefused(errors.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row));
  return {
    batches: found.map((d) => d.batch), rowCount, alreadyLogged,
    decided: new Map(found.map((d) => [advisorLedgerStreamName(d.batch.villageId, d.batch.month), { revision: d.revision, events: d.events }])),
  };
}

/** The import stream as last read or written: its state and the revision it is at. */
type KnownImport = { readonly state: ImportState; readonly revision: bigint };

/**
 * Applies an accepted import to its ledgers (idempotent per ledger) and records its completion, decided on
 * `known` (the import stream as this upload left it) when given.
 */
export async function applyImport(
  deps: LedgerDeps, importId: string, accepted: AcceptImport['data'], actor: Actor, now: Date, correlationId: string,
  progress?: ImportProgress, decided?: DecidedLedgers, known?: KnownImport,
): Promise<void> {
  const registry = deps.registry();
  let written = 0;
  await inParallel(accepted.batches, LEDGERS_AT_ONCE, async (batch) => {
    const village = villageOf(registry, batch.villageId);
    if (!village) throw new Error(`import ${importId}: village ${batch.villageId} is no longer in the registry`);
    const context: CommandContext = { commandId: uuidV5(`${importId}:${batch.villageId}_${batch.month}`, IMPORT_NAMESPACE), actor, correlationId, causationId: importId, occurredAt: now };
    const streamName = advisorLedgerStreamName(batch.villageId, batch.month);
    const ready = decided?.get(streamName);
    // Decided once: the events validation decided are appended as they are, expecting the revision it
    // read. Only if the ledger moved since (someone wrote to it) is the batch decided again on what it
    // holds now, by handleCommand (which also finds a batch applied before under the same command id).
    if (!ready || !(await appendDecided(deps.store, checkedLedgerEvents, streamName, ready, context))) {
      const decider = await boundLedgerDecider(deps, village, batch.month, now);
      await handleCommand({
        store: deps.store,
        registry: advisorLedgerEvents,
        streamName,
        decider: {
          initialState: decider.initialState,
          evolve: decider.evolve,
          // The batch's rows in file order, each decided on the state the earlier ones left.
          decide: (commands: readonly LogService['data'][], state: LedgerMonthState) => {
            const events = [];
            let current = state;
            for (const data of commands) {
              const rowEvents = decider.decide({ type: 'LogService', data }, current);
              current = rowEvents.reduce<LedgerMonthState>(evolveLedger, current);
              events.push(...rowEvents);
            }
            return events;
          },
        },
        command: batch.commands,
        context,
      });
    }
    if (now >= monthEndsAt(batch.month)) await judgeAgain(deps, village, batch.month, now, context);
    written += batch.commands.length;
    progress?.('writing', written, accepted.rowCount - accepted.alreadyLogged);
  });
  // Decided on the import's state as accepted (or as read), not on the stream read again: that would
  // read back the accepted event, every row of the file. Gone the ordinary way only if it moved since.
  const complete = { type: 'CompleteImport', data: { completedAt: now.toISOString() } } as const;
  const context: CommandContext = { commandId: uuidV5(`${importId}:complete`, IMPORT_NAMESPACE), actor, correlationId, occurredAt: now };
  const streamName = advisorImportStreamName(importId);
  if (known) {
    const events = ledgerImportDecider.decide(complete, known.state);
    if (events.length === 0 || (await appendDecided(deps.store, checkedImportEvents, streamName, { revision: known.revision, events }, context))) return;
  }
  await handleCommand({ store: deps.store, registry: ledgerImportEvents, streamName, decider: ledgerImportDecider, command: complete, context });
}

/** Per ledger stream: the events validation decided for the file's new rows, on the state at `revision`. */
type DecidedLedgers = Map<string, Decided<LedgerEvent>>;

export async function importLedgerFile(deps: LedgerDeps, input: ImportInput): Promise<ImportSummary> {
  const fileSha256 = createHash('sha256').update(input.file).digest('hex');
  const importId = `${fileSha256.slice(0, 40)}-${createHash('sha256').update(`${input.actor.organisation}|${input.ownAdvisorId ?? input.advisorId ?? ''}`).digest('hex').slice(0, 12)}`;
  const { batches, rowCount, alreadyLogged, decided } = await validate(deps, input);
  const newRows = batches.reduce((n, b) => n + b.commands.length, 0);
  const ledgers = batches.map((b) => ({ villageId: b.villageId, month: b.month, newRows: b.commands.length }));
  const streamName = advisorImportStreamName(importId);
  const read = await stateOrInitial(deps.store, ledgerImportEvents, ledgerImportDecider, streamName);
  if (newRows === 0 && read.state.status !== 'accepted') return { importId, status: 'nothing_new', rows: rowCount, newRows: 0, alreadyLogged, ledgers: [] };
  const accepted = read.state.status === 'accepted'
    ? read.state.accepted // an earlier upload of this file was accepted and not completed: complete it
    : { importId, fileSha256, fileName: input.fileName, rowCount, alreadyLogged, batches, acceptedAt: input.now.toISOString() };
  let known: KnownImport | undefined = read;
  if (read.state.status !== 'accepted') {
    const accept = { type: 'AcceptImport', data: accepted } as const;
    const context: CommandContext = { commandId: uuidV5(`${importId}:accept:${input.now.toISOString()}`, IMPORT_NAMESPACE), actor: input.actor, correlationId: input.correlationId, occurredAt: input.now };
    // Decided on the stream as just read; gone the ordinary way only if it moved since (the same file uploaded twice at once).
    const events = ledgerImportDecider.decide(accept, read.state);
    const appended = events.length === 0 ? undefined : await appendDecided(deps.store, checkedImportEvents, streamName, { revision: read.revision, events }, context);
    if (appended) known = { state: events.reduce(ledgerImportDecider.evolve, read.state), revision: appended.nextExpectedRevision };
    else if (events.length > 0) {
      await handleCommand({ store: deps.store, registry: ledgerImportEvents, streamName, decider: ledgerImportDecider, command: accept, context });
      known = undefined;
    }
  }
  // What validation decided is what was accepted only when this upload accepted it (not when completing an earlier one).
  await applyImport(deps, importId, accepted, input.actor, input.now, input.correlationId, input.progress, read.state.status === 'accepted' ? undefined : decided, known);
  input.progress?.('done', 1, 1);
  return {
    importId, status: 'completed', rows: rowCount, newRows: accepted.batches.reduce((n, b) => n + b.commands.length, 0), alreadyLogged,
    ledgers: accepted.batches.map((b) => ({ villageId: b.villageId, month: b.month, newRows: b.commands.length })),
  };
}

/** On start: every accepted import not completed (a crash between acceptance and completion) is completed. */
export async function completePendingImports(deps: LedgerDeps, now: Date): Promise<number> {
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
