// A spreadsheet import (台账导入) as its own stream, `advisorImport-<importId>`: all or nothing per file.
// The file's rows, validated against the ledgers as they stood, are accepted in ONE event (one atomic
// append on either event store) that names the kept file and each ledger's rows by digest; the service then applies them to each village-month ledger under a
// command id derived from the import and the stream (idempotent), and records the completion. A crash in
// between leaves an accepted import that is completed on restart or by uploading the file again: never a
// file half-imported and forgotten. Pure, like the other deciders.
import { AdvisorRuleBroken } from '../errors.js';
import type { LogService } from '../ledger/commands.js';
import type { IsoInstant, LedgerMonth } from '../vocabulary.js';

type Message<Type extends string, Data> = { readonly type: Type; readonly data: Readonly<Data> };

/** The new rows for one ledger stream, in file order, as validation decided them (in memory). */
export type ImportBatch = { villageId: string; month: LedgerMonth; rows: number[]; commands: LogService['data'][] };

/**
 * One ledger's part as accepted: the numbers of its new rows and, since the file itself is kept (by its
 * SHA-256), the digest of the file's rows for this ledger as they were read (`ledgerRowsSha256`), so that
 * a crash before they are applied is completed from the file read again the same way, and only if it
 * reads the same. Imports accepted before the file was kept hold the rows themselves (`commands`).
 */
export type AcceptedBatch = { villageId: string; month: LedgerMonth; rows: number[]; ledgerRowsSha256?: string; commands?: LogService['data'][] };

/** How the file's rows were read at acceptance: its kind, whose ledger, and every name it used as it was found then. */
export type ImportReading = { kind: 'csv' | 'xlsx'; advisorId: string | null; villages: Record<string, string>; advisors: Record<string, string> };

export type AcceptImport = Message<'AcceptImport', {
  importId: string; fileSha256: string; fileName: string | null; rowCount: number; alreadyLogged: number; batches: AcceptedBatch[];
  reading?: ImportReading; acceptedAt: IsoInstant;
}>;
export type CompleteImport = Message<'CompleteImport', { completedAt: IsoInstant }>;
export type ImportCommand = AcceptImport | CompleteImport;

export type LedgerImportAccepted = { type: 'LedgerImportAccepted'; data: AcceptImport['data'] };
export type LedgerImportCompleted = { type: 'LedgerImportCompleted'; data: { completedAt: IsoInstant } };
export type ImportEvent = LedgerImportAccepted | LedgerImportCompleted;

export type ImportState =
  | { readonly status: 'none' }
  | { readonly status: 'accepted' | 'completed'; readonly accepted: AcceptImport['data']; readonly completedAt: IsoInstant | null };

export const advisorImportCategory = 'advisorImport';
export const advisorImportStreamName = (importId: string) => `${advisorImportCategory}-${importId}`;

export function initialImportState(): ImportState {
  return { status: 'none' };
}

export function evolveImport(state: ImportState, event: ImportEvent): ImportState {
  switch (event.type) {
    case 'LedgerImportAccepted':
      return { status: 'accepted', accepted: event.data, completedAt: null };
    case 'LedgerImportCompleted':
      return state.status === 'none' ? state : { ...state, status: 'completed', completedAt: event.data.completedAt };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** Accepting again (the same file) and completing again are already done. */
export function decideImport(command: ImportCommand, state: ImportState): ImportEvent[] {
  switch (command.type) {
    case 'AcceptImport':
      return state.status === 'none' ? [{ type: 'LedgerImportAccepted', data: command.data }] : [];
    case 'CompleteImport':
      if (state.status === 'none') throw new AdvisorRuleBroken('entry_not_found');
      return state.status === 'completed' ? [] : [{ type: 'LedgerImportCompleted', data: command.data }];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const ledgerImportDecider = { initialState: initialImportState, evolve: evolveImport, decide: decideImport } as const;
