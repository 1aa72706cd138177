// A report period (统计期): a year '2026', a quarter '2026-Q1' or a month '2026-03', in Beijing time.
import { atLocalTime } from '@bureau/working-calendar';

export const PERIOD_PATTERN = /^(20\d\d)(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

export interface Period {
  readonly id: string;
  readonly kind: 'year' | 'quarter' | 'month';
  readonly from: Date;
  readonly to: Date;
  /** Its months, 'YYYY-MM'. */
  readonly months: readonly string[];
  readonly label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (year: number, month: number) => atLocalTime(`${year + Math.floor((month - 1) / 12)}-${pad(((month - 1) % 12) + 1)}-01`);
const quarterNames = ['一', '二', '三', '四'];

export function parsePeriod(id: string): Period | undefined {
  const m = PERIOD_PATTERN.exec(id);
  if (!m) return undefined;
  const year = Number(m[1]);
  const span = (first: number, count: number) => Array.from({ length: count }, (_, i) => `${year}-${pad(first + i)}`);
  if (m[2]) {
    const q = Number(m[2]);
    const first = (q - 1) * 3 + 1;
    return { id, kind: 'quarter', from: monthStart(year, first), to: monthStart(year, first + 3), months: span(first, 3), label: `${year}年第${quarterNames[q - 1]}季度` };
  }
  if (m[3]) {
    const month = Number(m[3]);
    return { id, kind: 'month', from: monthStart(year, month), to: monthStart(year, month + 1), months: span(month, 1), label: `${year}年${month}月` };
  }
  return { id, kind: 'year', from: monthStart(year, 1), to: monthStart(year, 13), months: span(1, 12), label: `${year}年` };
}

/** The period before: the previous year, quarter or month. */
export function previousPeriod(p: Period): Period {
  const [year, part] = [Number(p.id.slice(0, 4)), p.id.slice(5)];
  const id = p.kind === 'year'
    ? String(year - 1)
    : p.kind === 'quarter'
      ? (part === 'Q1' ? `${year - 1}-Q4` : `${year}-Q${Number(part.slice(1)) - 1}`)
      : (part === '01' ? `${year - 1}-12` : `${year}-${pad(Number(part) - 1)}`);
  const previous = parsePeriod(id);
  if (!previous) throw new RangeError(`no period before ${p.id}`);
  return previous;
}
