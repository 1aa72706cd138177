// One spreadsheet row to the details of a service, or the list of what is wrong with it. Every cell is
// checked (not only up to the first problem) so one pass over a file reports all there is to fix.
import { normalisedPhone, type LocalDate, type PersonServed, type ServiceDetails } from '../domain/index.js';
import { readClockTime, readDate, readDurationMinutes, readMode, readServiceType, splitList } from './cells.js';
import { columns, type ColumnIndex, type ColumnKey } from './columns.js';
import { importError, type ImportError, type ImportRule } from './errors.js';

export interface RowContext {
  readonly sheet: string | null;
  /** Beijing's today: a later date is refused (the ledger would refuse it too). */
  readonly today: LocalDate;
  /** The village's id by its name as written in the sheet (from the organisation registry). */
  readonly villageIdOf: (name: string) => string | undefined;
  /** The advisor's id by name or licence number, for a file with a 法律顾问 column. */
  readonly advisorIdOf?: ((nameOrLicence: string) => string | undefined) | undefined;
  /** Whose ledger the file is, for a file without that column (an advisor importing their own). */
  readonly advisorId?: string | undefined;
}

export type ParsedRow = { readonly villageId: string; readonly entryId: string | null; readonly details: ServiceDetails };

const MAX_ENTRY_MINUTES = 24 * 60;

export function parseRow(cells: readonly string[], rowNumber: number, index: ColumnIndex, context: RowContext): ParsedRow | ImportError[] {
  const errors: ImportError[] = [];
  const cell = (key: ColumnKey) => {
    const at = index[key];
    return at === undefined ? '' : (cells[at] ?? '').trim();
  };
  const fail = (key: ColumnKey | null, rule: ImportRule) => {
    errors.push(importError(context.sheet, rowNumber, key ? columns[key].header : null, rule));
    return undefined;
  };
  const required = <T>(key: ColumnKey, read: (text: string) => T | undefined, rule: ImportRule): T | undefined => {
    const text = cell(key);
    if (text === '') return fail(key, 'required');
    const value = read(text);
    return value === undefined ? fail(key, rule) : value;
  };

  const date = required('date', readDate, 'invalid_date');
  if (date !== undefined && date > context.today) fail('date', 'service_in_future');
  const villageId = required('village', context.villageIdOf, 'unknown_village');
  const reading = required('type', readServiceType, 'unknown_service_type');
  const type = reading?.type;
  const durationMinutes = required('duration', readDurationMinutes, 'invalid_duration');
  if (durationMinutes !== undefined && !(durationMinutes >= 1 && durationMinutes <= MAX_ENTRY_MINUTES)) fail('duration', 'invalid_duration');
  // 驻点值班 is on site by definition: a blank mode cell on a duty row is read as such.
  const mode = type === 'on_site_duty' && cell('mode') === '' ? 'on_site' : required('mode', readMode, 'invalid_mode');
  if (type === 'on_site_duty' && mode === 'remote') fail('mode', 'duty_must_be_on_site');
  const summary = cell('summary') || fail('summary', 'required');
  const startText = cell('startTime');
  const startTime = startText === '' ? null : (readClockTime(startText) ?? fail('startTime', 'invalid_start_time'));
  const advisorId = advisorOf(cell('advisor'), index, context, fail);
  const personsServed = personsOf(cell('persons'), cell('phones'), fail);
  const applicationId = cell('applicationId') || null;
  if (applicationId !== null && type !== undefined && type !== 'legal_aid_referral') fail('applicationId', 'application_id_only_for_referral');

  if (
    errors.length > 0 || date === undefined || villageId === undefined || type === undefined || durationMinutes === undefined ||
    mode === undefined || summary === undefined || startTime === undefined || advisorId === undefined || personsServed === undefined
  ) {
    return errors;
  }
  const details: ServiceDetails = {
    advisorId, date, startTime, type, reviewSubject: reading?.reviewSubject ?? null, durationMinutes, mode, personsServed, summary, evidence: [], legalAidApplicationId: applicationId,
  };
  return { villageId, entryId: cell('entryId') || null, details };
}

function advisorOf(text: string, index: ColumnIndex, context: RowContext, fail: (key: ColumnKey | null, rule: ImportRule) => undefined) {
  if (index.advisor === undefined || text === '') {
    if (context.advisorId) return context.advisorId;
    return fail(index.advisor === undefined ? null : 'advisor', index.advisor === undefined ? 'advisor_required' : 'required');
  }
  const id = context.advisorIdOf?.(text);
  return id ?? fail('advisor', 'unknown_advisor');
}

/** Names and phones in step: 张三、李四 with 138…、139…; phones may be left out altogether. */
function personsOf(names: string, phones: string, fail: (key: ColumnKey | null, rule: ImportRule) => undefined): PersonServed[] | undefined {
  const nameList = splitList(names);
  const phoneList = splitList(phones);
  if (phoneList.length > 0 && phoneList.length !== nameList.length) return fail('phones', 'persons_phones_mismatch');
  const persons: PersonServed[] = [];
  for (const [i, name] of nameList.entries()) {
    const raw = phoneList[i];
    if (raw === undefined) {
      persons.push({ name, phone: null });
      continue;
    }
    const phone = normalisedPhone(raw);
    if (phone === undefined) return fail('phones', 'invalid_phone');
    persons.push({ name, phone });
  }
  return persons;
}
