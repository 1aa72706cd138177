// 工作日历: the official working-day calendar (放假 and 调休上班 days) each service counts deadlines on,
// which years are loaded and in force, the deadlines counted provisionally while a year waits, and the
// city administrator's load of a newly published year. The calendar is national: one load goes to every
// service that keeps it, under one command id, so a retry records nothing twice.
import { useState } from 'preact/hooks';
import { call, type Answer } from '../../api.js';
import type { Session } from '../../session.js';
import { type Loaded, PlaceholderRows, ProblemNote, useLoad, when } from '../../ui.js';
import { CalendarLoadForm } from './calendar-load.js';
import { AdminNav } from './nav.js';
import { calendarServices, serviceNames } from './words.js';

export interface Calendar {
  version: string;
  source: string;
  years: number[];
  loads: Array<{ year: string; source: string; loadedBy: string; loadedAt: string; calendarVersion: string; replacedExisting: boolean }>;
}
type Waiting = { years: Array<{ year: number; openOrders?: number; files?: number }> };
type ByService<T> = Record<(typeof calendarServices)[number], Loaded<T>>;

async function both<T>(path: string): Promise<Answer<Record<string, Loaded<T>>>> {
  const answers = await Promise.all(calendarServices.map((s) => call<T>(s, path)));
  const out: Record<string, Loaded<T>> = {};
  calendarServices.forEach((s, i) => {
    const a = answers[i];
    if (a) out[s] = a.ok ? { state: 'ok', data: a.body } : { state: 'problem', problem: a.problem };
  });
  return { ok: true, status: 200, body: out, headers: new Headers() };
}

const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

function yearState(year: number, calendars: ByService<Calendar>): { label: string; tone: string } {
  const loadedIn = calendarServices.filter((s) => { const c = calendars[s]; return c.state === 'ok' && c.data.years.includes(year); });
  if (loadedIn.length === calendarServices.length) return { label: year === thisYear() ? '已生效（本年度）' : year > thisYear() ? '已生效（已可计算该年时限）' : '已生效（往年）', tone: 'ok' };
  if (loadedIn.length > 0) return { label: '部分服务未加载', tone: 'warn' };
  return { label: '未加载：时限按周一至周五暂计', tone: 'bad' };
}

export function CalendarPage(props: { session: Session }) {
  const [times, setTimes] = useState(0);
  const calendars = useLoad(() => both<Calendar>('/calendar'), `calendar#${times}`);
  const waiting = useLoad(() => both<Waiting>('/provisional-deadlines'), `waiting#${times}`);
  const byService = calendars.loaded.state === 'ok' ? (calendars.loaded.data as ByService<Calendar>) : undefined;
  const waits = waiting.loaded.state === 'ok' ? (waiting.loaded.data as ByService<Waiting>) : undefined;
  const years = new Set<number>([thisYear(), thisYear() + 1]);
  for (const s of calendarServices) {
    const c = byService?.[s];
    if (c?.state === 'ok') for (const y of c.data.years) years.add(y);
    const w = waits?.[s];
    if (w?.state === 'ok') for (const y of w.data.years) years.add(y.year);
  }
  const waitingIn = (s: (typeof calendarServices)[number], year: number) => {
    const w = waits?.[s];
    if (!w || w.state !== 'ok') return undefined;
    const row = w.data.years.find((y) => y.year === year);
    return row ? (row.openOrders ?? row.files ?? 0) : 0;
  };
  const loads = byService && calendarServices.map((s) => byService[s]).find((c) => c.state === 'ok');
  return (
    <section class="page">
      <div class="page-head">
        <h1>工作日历</h1>
        <AdminNav current="#/admin/calendar" />
      </div>
      <p class="lead">各项时限按国务院公布的放假和调休安排计算工作日。新年度安排公布后，由市级管理员在此加载；加载前落入该年度的时限按周一至周五暂计，加载后自动重算。</p>
      {byService &&
        calendarServices.map((s) => {
          const c = byService[s];
          return c.state === 'problem' ? <ProblemNote key={s} problem={c.problem} what={`${serviceNames[s]}的工作日历`} /> : null;
        })}
      <table class="list calendar-years" data-state={calendars.loaded.state}>
        <thead>
          <tr>
            <th scope="col">年度</th>
            {calendarServices.map((s) => (
              <th scope="col" key={s}>
                {serviceNames[s]}
              </th>
            ))}
            <th scope="col">暂计时限（等待该年日历）</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {!byService && <PlaceholderRows columns={calendarServices.length + 3} rows={4} />}
          {byService &&
            [...years].sort((a, b) => a - b).map((year) => {
              const state = yearState(year, byService);
              return (
                <tr key={year} data-year={year}>
                  <th scope="row">{year} 年</th>
                  {calendarServices.map((s) => {
                    const c = byService[s];
                    return <td key={s} data-service={s}>{c.state !== 'ok' ? '—' : c.data.years.includes(year) ? '已加载' : '未加载'}</td>;
                  })}
                  <td data-fact="provisional">
                    {calendarServices
                      .map((s) => ({ s, n: waitingIn(s, year) }))
                      .filter(({ n }) => n !== undefined && n > 0)
                      .map(({ s, n }) => `${s === 'hotline' ? '工单' : '法援案件'} ${n} 件`)
                      .join('，') || (waits ? '无' : '…')}
                  </td>
                  <td data-fact="state">
                    <span class={`tag ${state.tone}`}>{state.label}</span>
                  </td>
                </tr>
              );
            })}
        </tbody>
      </table>
      {props.session.claims.role === 'city_administrator' ? (
        <CalendarLoadForm onLoaded={() => setTimes((n) => n + 1)} />
      ) : (
        <p class="muted">官方日历全国统一，由市级管理员加载；如新年度安排已公布而此处未加载，请联系市级管理员。</p>
      )}
      <h2>加载记录</h2>
      <table class="list">
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col">依据</th>
            <th scope="col">加载人</th>
            <th scope="col">加载时间</th>
          </tr>
        </thead>
        <tbody>
          {!loads && <PlaceholderRows columns={4} rows={2} />}
          {loads?.state === 'ok' && loads.data.loads.length === 0 && (
            <tr>
              <td colSpan={4} class="empty">
                尚无加载记录：使用随系统发布的日历（{loads.data.source}）。
              </td>
            </tr>
          )}
          {loads?.state === 'ok' &&
            loads.data.loads.map((l) => (
              <tr key={`${l.year}-${l.loadedAt}`}>
                <td>{l.year} 年{l.replacedExisting ? '（更正）' : ''}</td>
                <td>{l.source}</td>
                <td>{l.loadedBy}</td>
                <td>{when(l.loadedAt)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
