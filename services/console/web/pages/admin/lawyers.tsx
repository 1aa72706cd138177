// 律师名册: a district's lawyer registry (legal aid), sorted and paged by the service. A district's
// administrator keeps their own district's only (the page offers no other, and the service answers
// another's as none); the city's administrator chooses the district, or the city's own registry.
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { listStateOf, Pager, pagingParams, pathWith, SortChip, SortHeader, type PageAnswer } from '../../paging.js';
import { go, queryOf } from '../../router.js';
import type { Session } from '../../session.js';
import { PlaceholderRows, ProblemNote, useLoad } from '../../ui.js';
import { DeactivateLawyer, LawyerForm, type Lawyer } from './lawyer-form.js';
import { AdminNav } from './nav.js';
import { districtOf, organisations } from './registry.js';

export function LawyersPage(props: { path: string; session: Session }) {
  const { role, org } = props.session.claims;
  const city = role === 'city_administrator';
  const registry = useLoad(() => organisations(), 'organisations');
  const all = registry.loaded.state === 'ok' ? registry.loaded.data.items : undefined;
  const own = all ? districtOf(all, org) : undefined;
  const asked = queryOf(props.path).get('district') ?? '';
  const districtId = city ? asked || 'gz' : asked || own?.id || '';
  const list = listStateOf(props.path, 'registered');
  const query = new URLSearchParams(pagingParams(list)).toString();
  const key = `${districtId}?${query}`;
  const [changing, setChanging] = useState<Lawyer | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const { loaded, reload } = useLoad(
    () => (districtId ? call<{ districtId: string; lawyers: Lawyer[] } & PageAnswer>('legal-aid', `/districts/${encodeURIComponent(districtId)}/lawyers?${query}`) : new Promise(() => undefined)),
    key,
  );
  const page = loaded.state === 'ok' ? loaded.data : undefined;
  const districtName = all?.find((o) => o.id === (page?.districtId ?? districtId))?.name;
  const after = (what: string) => {
    setDone(what);
    setChanging(undefined);
    void reload();
  };
  return (
    <section class="page">
      <div class="page-head">
        <h1>律师名册{page && districtName ? `：${districtName}` : ''}</h1>
        <AdminNav current="#/admin/lawyers" />
      </div>
      <div class="filters" role="group" aria-label="名册与排序">
        {city && (
          <label class="inline-label">
            名册
            <select value={districtId} onChange={(e) => go(pathWith(props.path, { district: (e.target as HTMLSelectElement).value, cursor: undefined }))}>
              <option value="gz">市本级</option>
              {all?.filter((o) => o.kind === 'district').map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </select>
          </label>
        )}
        <SortChip path={props.path} state={list} sort="registered" label="按登记顺序" />
      </div>
      {done && <p class="done" role="status">{done}</p>}
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="这份律师名册" />}
      {loaded.state !== 'problem' && (
        <table class="list lawyers" data-state={loaded.state}>
          <colgroup>
            <col style="width: 12%" /><col style="width: 15%" /><col style="width: 20%" /><col style="width: 11%" /><col style="width: 12%" /><col style="width: 9%" /><col style="width: 21%" />
          </colgroup>
          <thead>
            <tr>
              <SortHeader path={props.path} state={list} field="name" label="姓名" />
              <th scope="col">执业证号</th>
              <SortHeader path={props.path} state={list} field="firm" label="律师事务所" />
              <SortHeader path={props.path} state={list} field="practiceSince" label="相关执业起始" />
              <th scope="col">专长</th><th scope="col">状态</th><th scope="col">变更</th>
            </tr>
          </thead>
          <tbody>
            {!page && <PlaceholderRows columns={7} rows={5} />}
            {page?.lawyers.length === 0 && <tr><td colSpan={7} class="empty">名册中还没有律师。</td></tr>}
            {page?.lawyers.map((l) => (
              <tr key={l.lawyerId} data-lawyer={l.lawyerId} class={l.active ? '' : 'inactive'}>
                <td>{l.name}</td>
                <td><code>{l.licenceNumber}</code></td>
                <td>{l.firmName}</td>
                <td>{l.relevantPracticeSince}</td>
                <td>{l.specialties.join('、') || '—'}</td>
                <td>{l.active ? <span class="tag ok">可指派</span> : <span class="tag" title={l.deactivatedReason ?? ''}>已停止指派</span>}</td>
                <td>
                  {l.active && (
                    <div class="row-actions">
                      <button type="button" class="quiet" onClick={() => setChanging(l)}>变更…</button>
                      <DeactivateLawyer districtId={page.districtId} lawyer={l} onDone={after} />
                    </div>
                  )}
                  {!l.active && <span class="muted">{l.deactivatedReason}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager path={props.path} page={page} unit="名" />
      {page && changing && <LawyerForm key={`change-${changing.lawyerId}`} districtId={page.districtId} changing={changing} onDone={after} onCancel={() => setChanging(undefined)} />}
      {page && !changing && <LawyerForm key="register" districtId={page.districtId} onDone={after} />}
    </section>
  );
}
