// 来访咨询登记台: record a walk-in at the counter (the counters' staff), the month's visits with void, and
// the month's counts (人次 by topic and by answer), as the legal-aid service counts them for the report.
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { go, queryOf } from '../../router.js';
import type { Session } from '../../session.js';
import { ProblemNote, thisMonth, useLoad } from '../../ui.js';
import { WalkInForm } from './record-form.js';
import { VisitsTable } from './visits.js';
import { answerNames, topicNames, topics } from './words.js';

interface PlaceCounts {
  placeId: string;
  visits: number;
  persons: number;
  byTopic: Record<string, number>;
  byAnswer: Record<string, number>;
}
interface MonthCounts {
  month: string;
  visits: number;
  persons: number;
  places: PlaceCounts[];
}

/** The roles that record at their own counter; the district's reviewers and head record too, at a place they name (not here yet). */
export const COUNTER_ROLES = ['station_clerk', 'centre_staff'];

function sum(places: readonly PlaceCounts[], of: 'byTopic' | 'byAnswer'): Array<[string, number]> {
  const totals = new Map<string, number>();
  for (const p of places) for (const [k, v] of Object.entries(p[of])) totals.set(k, (totals.get(k) ?? 0) + v);
  return [...totals].sort(([, a], [, b]) => b - a);
}

function Counts(props: { month: string; after: string; version: number }) {
  const key = `${props.month}${props.after}#${props.version}`;
  const { loaded } = useLoad(() => call<MonthCounts>('legal-aid', `/walk-in-consultations/counts/${props.month}${props.after ? `?after=${encodeURIComponent(props.after)}` : ''}`), key);
  const counts = loaded.state === 'ok' ? loaded.data : undefined;
  const byTopic = counts ? sum(counts.places, 'byTopic') : [];
  const byAnswer = counts ? sum(counts.places, 'byAnswer') : [];
  return (
    <section aria-label="本月人次">
      <h2>{props.month} 来访咨询人次</h2>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="本月人次" />}
      {/* Before the counts arrive each line holds a no-break space, not a plain one: a line of only a
          plain space has no height, so the figures grew by a line when the counts came and pushed the
          visits below them down (a layout shift of 0.06 under load). */}
      <div class="figures" aria-busy={!counts}>
        <div class="figure">
          <span>来访咨询（人次）</span>
          <strong data-figure="walk-in-persons">{counts ? counts.persons : '…'}</strong>
          <small>{counts ? `${counts.visits} 次接待` : '\u00a0'}</small>
        </div>
        <div class="figure wide-figure">
          <span>按事项（人次）</span>
          <small class="split">{counts ? byTopic.map(([k, v]) => `${topicNames[k] ?? k} ${v}`).join(' · ') || '—' : '\u00a0'}</small>
        </div>
        <div class="figure wide-figure">
          <span>按答复方式（人次）</span>
          <small class="split">{counts ? byAnswer.map(([k, v]) => `${answerNames[k] ?? k} ${v}`).join(' · ') || '—' : '\u00a0'}</small>
        </div>
      </div>
      {counts && counts.places.length > 1 && (
        <p class="muted">
          各场所：{counts.places.map((p) => `${p.placeId} ${p.persons} 人次`).join('，')}
        </p>
      )}
    </section>
  );
}

export function WalkInDeskPage(props: { path: string; session: Session }) {
  const month = queryOf(props.path).get('month') ?? thisMonth();
  // After an act, read again once the read model has it (`?after=` the act's position).
  const [after, setAfter] = useState({ position: '', times: 0 });
  const counter = COUNTER_ROLES.includes(props.session.claims.role) && month === thisMonth();
  const changed = (position: string | null) => setAfter((a) => ({ position: position ?? a.position, times: a.times + 1 }));
  return (
    <section class="page">
      <div class="page-head">
        <h1>来访咨询登记</h1>
        <label class="inline-label">
          月份{' '}
          <input type="month" value={month} onChange={(e) => go(`/walk-ins?month=${(e.target as HTMLInputElement).value}`)} />
        </label>
      </div>
      {counter ? (
        <WalkInForm placeId={props.session.claims.org} placeName={props.session.organisationName ?? props.session.claims.org} onRecorded={(r) => changed(r.position)} />
      ) : (
        <p class="muted">{COUNTER_ROLES.includes(props.session.claims.role) ? '登记只在本月页面进行。' : '本页列出您职责范围内各场所的来访登记（只读）。'}</p>
      )}
      <p class="muted keys">快捷键：数字键选事项（{topics.slice(0, 3).map(([, label], i) => `${i + 1} ${label}`).join('，')}…），Enter 登记，Ctrl+Enter 在备注中也可登记。</p>
      <Counts month={month} after={after.position} version={after.times} />
      <VisitsTable path={props.path} month={month} after={after.position} version={after.times} canVoid={COUNTER_ROLES.includes(props.session.claims.role)} onChanged={changed} />
    </section>
  );
}
