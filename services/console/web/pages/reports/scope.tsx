// 范围与期间: which reports the person may open (their district; the city, and each of its districts, for a
// city-wide role), from the organisation registry, and the period (a year, a quarter, a month).
import { call } from '../../api.js';
import { go } from '../../router.js';
import type { Session } from '../../session.js';
import { thisMonth, useLoad } from '../../ui.js';

interface Organisation {
  id: string;
  kind: string;
  name: string;
  parentId: string | null;
  closed: boolean;
}
export interface Scope {
  readonly id: string;
  readonly name: string;
  readonly city: boolean;
}

const CITY_WIDE = ['city_auditor', 'city_administrator', 'city_statistician'];

/** The scopes within the person's reach: the services decide every call again; this only offers them. */
export function useScopes(session: Session) {
  const { loaded } = useLoad(() => call<{ items: Organisation[] }>('hotline', '/organisations'), 'organisations');
  if (loaded.state !== 'ok') return loaded.state === 'loading' ? { state: 'loading' as const } : { state: 'problem' as const, problem: loaded.problem };
  const byId = new Map(loaded.data.items.map((o) => [o.id, o]));
  const districts = loaded.data.items.filter((o) => o.kind === 'district' && !o.closed).sort((a, b) => a.id.localeCompare(b.id));
  let scopes: Scope[];
  if (CITY_WIDE.includes(session.claims.role)) {
    const city = loaded.data.items.find((o) => o.kind === 'city');
    scopes = [...(city ? [{ id: city.id, name: `${city.name}（各区）`, city: true }] : []), ...districts.map((d) => ({ id: d.id, name: d.name, city: false }))];
  } else {
    let at = byId.get(session.claims.org);
    while (at && at.kind !== 'district') at = at.parentId ? byId.get(at.parentId) : undefined;
    scopes = at ? [{ id: at.id, name: at.name, city: false }] : [];
  }
  return { state: 'ok' as const, scopes };
}

export type PeriodKind = 'year' | 'quarter' | 'month';
export const kindOf = (period: string): PeriodKind => (/^\d{4}$/.test(period) ? 'year' : /Q/.test(period) ? 'quarter' : 'month');

/** The same moment's period of another kind: 2026-11 → 2026 → 2026-Q4. */
export function periodAs(kind: PeriodKind, period: string): string {
  const year = period.slice(0, 4);
  const month = kindOf(period) === 'month' ? Number(period.slice(5, 7)) : kindOf(period) === 'quarter' ? Number(period.slice(6)) * 3 : Number(thisMonth().slice(5, 7));
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function ScopePicker(props: { scopes: readonly Scope[]; scopeId: string; period: string }) {
  const { scopes, scopeId, period } = props;
  const kind = kindOf(period);
  const to = (scope: string, p: string) => go(`/reports/${scope}/${p}`);
  return (
    <form class="search scope-picker" aria-label="范围与期间" onSubmit={(e) => e.preventDefault()}>
      <select aria-label="范围" value={scopeId} onChange={(e) => to((e.target as HTMLSelectElement).value, period)}>
        {scopes.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <select aria-label="期间类型" value={kind} onChange={(e) => to(scopeId, periodAs((e.target as HTMLSelectElement).value as PeriodKind, period))}>
        <option value="year">年度</option>
        <option value="quarter">季度</option>
        <option value="month">月度</option>
      </select>
      {kind === 'year' && (
        <input aria-label="年份" type="number" min={2000} max={2100} value={period} onChange={(e) => to(scopeId, (e.target as HTMLInputElement).value)} />
      )}
      {kind === 'quarter' && (
        <select aria-label="季度" value={period} onChange={(e) => to(scopeId, (e.target as HTMLSelectElement).value)}>
          {[1, 2, 3, 4].map((q) => (
            <option key={q} value={`${period.slice(0, 4)}-Q${q}`}>
              {period.slice(0, 4)}年第{q}季度
            </option>
          ))}
        </select>
      )}
      {kind === 'month' && <input aria-label="月份" type="month" value={period} onChange={(e) => to(scopeId, (e.target as HTMLInputElement).value)} />}
    </form>
  );
}
