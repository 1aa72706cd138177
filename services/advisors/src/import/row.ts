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

/**
 * One row being read: its cells by column and the errors found so far. A class, not closures made per
 * row: a province's file is 100,000 rows, and each closure made per row cost (under tsx, which names
 * every function it makes) more than reading the cell it reads.
 */
class RowReading {
  readonly errors: ImportError[] = [];

  constructor(
    private readonly cells: readonly string[],
    private readonly rowNumber: number,
    readonly index: ColumnIndex,
    readonly context: RowContext,
  ) {}

  cell(key: ColumnKey): string {
    const at = this.index[key];
    return at === undefined ? '' : (this.cells[at] ?? '').trim();
  }

  fail(key: ColumnKey | null, rule: ImportRule): undefined {
    this.errors.push(importError(this.context.sheet, this.rowNumber, key ? columns[key].header : null, rule));
    return undefined;
  }

  required<T>(key: ColumnKey, read: (text: string) => T | undefined, rule: ImportRule): T | undefined {
    const text = this.cell(key);
    if (text === '') return this.fail(key, 'required');
    const value = read(text);
    return value === undefined ? this.fail(key, rule) : value;
  }
}

export function parseRow(cells: readonly string[], rowNumber: number, index: ColumnIndex, context: RowContext): ParsedRow | ImportError[] {
  const r = new RowReading(cells, rowNumber, index, context);
  const date = r.required('date', readDate, 'invalid_date');
  if (date !== undefined && date > context.today) r.fail('date', 'service_in_future');
  const villageId = r.required('village', context.villageIdOf, 'unknown_village');
  const reading = r.required('type', readServiceType, 'unknown_service_type');
  const type = reading?.type;
  const durationMinutes = r.required('duration', readDurationMinutes, 'invalid_duration');
  if (durationMinutes !== undefined && !(durationMinutes >= 1 && durationMinutes <= MAX_ENTRY_MINUTES)) r.fail('duration', 'invalid_duration');
  // 驻点值班 is on site by definition: a blank mode cell on a duty row is read as such.
  const mode = type === 'on_site_duty' && r.cell('mode') === '' ? 'on_site' : r.required('mode', readMode, 'invalid_mode');
  if (type === 'on_site_duty' && mode === 'remote') r.fail('mode', 'duty_must_be_on_site');
  const summary = r.cell('summary') || r.fail('summary', 'required');
  const startText = r.cell('startTime');
  const startTime = startText === '' ? null : (readClockTime(startText) ?? r.fail('startTime', 'invalid_start_time'));
  const advisorId = advisorOf(r);
  const personsServed = personsOf(r);
  const applicationId = r.cell('applicationId') || null;
  if (applicationId !== null && type !== undefined && type !== 'legal_aid_referral') r.fail('applicationId', 'application_id_only_for_referral');

  if (
    r.errors.length > 0 || date === undefined || villageId === undefined || type === undefined || durationMinutes === undefined ||
    mode === undefined || summary === undefined || startTime === undefined || advisorId === undefined || personsServed === undefined
  ) {
    return r.errors;
  }
  const details: ServiceDetails = {
    advisorId, date, startTime, type, reviewSubject: reading?.reviewSubject ?? null, durationMinutes, mode, personsServed, summary, evidence: [], legalAidApplicationId: applicationId,
  };
  return { villageId, entryId: r.cell('entryId') || null, details };
}

function advisorOf(r: RowReading) {
  const text = r.cell('advisor');
  if (r.index.advisor === undefined || text === '') {
    if (r.context.advisorId) return r.context.advisorId;
    return r.fail(r.index.advisor === undefined ? null : 'advisor', r.index.advisor === undefined ? 'advisor_required' : 'required');
  }
  const id = r.context.advisorIdOf?.(text);
  return id ?? r.fail('advisor', 'unknown_advisor');
}

/** Names and phones in step: 张三、李四 with 138…、139…; phones may be left out altogether. */
function personsOf(r: RowReading): PersonServed[] | undefined {
  const nameList = splitList(r.cell('persons'));
  const phoneList = splitList(r.cell('phones'));
  if (phoneList.length > 0 && phoneList.length !== nameList.length) return r.fail('phones', 'persons_phones_mismatch');
  const persons: PersonServed[] = [];
  for (const [i, name] of nameList.entries()) {
    const raw = phoneList[i];
    if (raw === undefined) {
      persons.push({ name, phone: null });
      continue;
    }
    const phone = normalisedPhone(raw);
    if (phone === undefined) return r.fail('phones', 'invalid_phone');
    persons.push({ name, phone });
  }
  return persons;
}
