// 组织机构: the city's registry, filtered by kind, sorted and paged by the service; the city's
// administrators register, rename and close (a closing goes from the leaves up: the service says so).
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { listStateOf, Pager, pagingParams, pathWith, SortChip, SortHeader } from '../../paging.js';
import { go, queryOf } from '../../router.js';
import type { Session } from '../../session.js';
import { fieldErrors } from '../../problems.js';
import { Field, inputProps, PlaceholderRows, ProblemNote, useIntent, useLoad } from '../../ui.js';
import { AdminNav } from './nav.js';
import { organisations, type Organisation } from './registry.js';
import { kindNames } from './words.js';

function RowActions(props: { organisation: Organisation; onDone: () => void }) {
  const rename = useIntent();
  const close = useIntent();
  const [open, setOpen] = useState<'rename' | 'close' | undefined>();
  const [text, setText] = useState('');
  const o = props.organisation;
  const intent = open === 'close' ? close : rename;
  const errors = fieldErrors(intent.problem);
  const field = open === 'close' ? 'reason' : 'name';
  const submit = async (e: Event) => {
    e.preventDefault();
    const done = open === 'close'
      ? await close.run((commandId) => call('hotline', `/organisations/${encodeURIComponent(o.id)}/close`, { body: { commandId, reason: text } }))
      : await rename.run((commandId) => call('hotline', `/organisations/${encodeURIComponent(o.id)}`, { method: 'PATCH', body: { commandId, name: text } }));
    if (done) {
      setOpen(undefined);
      props.onDone();
    }
  };
  if (o.closed) return <span class="muted">已撤销</span>;
  return (
    <div class="row-actions">
      {!open ? (
        <>
          <button type="button" class="quiet" onClick={() => { setText(o.name); setOpen('rename'); }}>更名…</button>
          <button type="button" class="quiet" onClick={() => { setText(''); setOpen('close'); }}>撤销…</button>
        </>
      ) : (
        <form class="inline" onSubmit={submit}>
          <Field label={open === 'close' ? '撤销理由' : '新名称'} name={`${field}-${o.id}`} error={errors[field]}>
            <input {...inputProps(`${field}-${o.id}`, errors[field])} value={text} maxLength={open === 'close' ? 500 : 100} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          </Field>
          <button type="submit" disabled={intent.busy}>{open === 'close' ? '确认撤销' : '更名'}</button>
          <button type="button" class="quiet" onClick={() => setOpen(undefined)}>取消</button>
        </form>
      )}
      <ProblemNote problem={intent.problem && !intent.problem.errors?.length ? intent.problem : undefined} what="这个机构" />
    </div>
  );
}

function RegisterForm(props: { onDone: () => void }) {
  const intent = useIntent();
  const [values, setValues] = useState({ id: '', kind: 'village', name: '', parentId: '' });
  const [done, setDone] = useState<string | undefined>();
  const errors = fieldErrors(intent.problem);
  const set = (name: keyof typeof values) => (e: Event) => setValues({ ...values, [name]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await intent.run((commandId) => call('hotline', '/organisations', { body: { commandId, ...values, parentId: values.parentId || null } }));
    if (ok) {
      setDone(`已登记：${values.name}`);
      setValues({ ...values, id: '', name: '' });
      props.onDone();
    }
  };
  return (
    <form onSubmit={submit} aria-label="登记机构" data-action="organisation-register">
      {done && <p class="done" role="status">{done}</p>}
      <div class="form-grid">
        <Field label="编号" name="org-id" error={errors.id} hint="小写字母、数字和 -">
          <input {...inputProps('org-id', errors.id)} value={values.id} maxLength={64} onInput={set('id')} />
        </Field>
        <Field label="类别" name="org-kind" error={errors.kind}>
          <select {...inputProps('org-kind', errors.kind)} value={values.kind} onChange={set('kind')}>
            {Object.entries(kindNames).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
          </select>
        </Field>
        <Field label="名称" name="org-name" error={errors.name}>
          <input {...inputProps('org-name', errors.name)} value={values.name} maxLength={100} onInput={set('name')} />
        </Field>
        <Field label="上级机构编号" name="org-parentId" error={errors.parentId}>
          <input {...inputProps('org-parentId', errors.parentId)} value={values.parentId} maxLength={64} onInput={set('parentId')} />
        </Field>
      </div>
      <ProblemNote problem={intent.problem} what="这个机构" />
      <button type="submit" disabled={intent.busy}>{intent.busy ? '登记中…' : '登记'}</button>
    </form>
  );
}

export function OrganisationsPage(props: { path: string; session: Session }) {
  const list = listStateOf(props.path, 'registered');
  const kind = queryOf(props.path).get('kind') ?? '';
  const query = new URLSearchParams({ ...pagingParams(list), ...(kind ? { kind } : {}) }).toString();
  const { loaded, reload } = useLoad(() => organisations(query), query);
  const keeper = props.session.claims.role === 'city_administrator';
  const page = loaded.state === 'ok' ? loaded.data : undefined;
  return (
    <section class="page">
      <div class="page-head">
        <h1>组织机构</h1>
        <AdminNav current="#/admin/organisations" />
      </div>
      {keeper ? (
        <details class="action register">
          <summary>登记机构…</summary>
          <RegisterForm onDone={() => void reload()} />
        </details>
      ) : (
        <p class="muted">组织机构名录由市级管理员维护。</p>
      )}
      <div class="filters" role="group" aria-label="筛选与排序">
        <label class="inline-label">
          类别
          <select value={kind} onChange={(e) => go(pathWith(props.path, { kind: (e.target as HTMLSelectElement).value || undefined, cursor: undefined }))}>
            <option value="">全部</option>
            {Object.entries(kindNames).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
          </select>
        </label>
        <SortChip path={props.path} state={list} sort="registered" label="按登记顺序" />
      </div>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="组织机构名录" />}
      <table class="list" data-state={loaded.state}>
        <colgroup>
          <col style="width: 20%" /><col style="width: 16%" /><col style="width: 26%" /><col style="width: 14%" /><col style="width: 24%" />
        </colgroup>
        <thead>
          <tr>
            <SortHeader path={props.path} state={list} field="id" label="编号" />
            <SortHeader path={props.path} state={list} field="kind" label="类别" />
            <SortHeader path={props.path} state={list} field="name" label="名称" />
            <th scope="col">上级</th>
            <th scope="col">{keeper ? '变更' : '状态'}</th>
          </tr>
        </thead>
        <tbody>
          {!page && <PlaceholderRows columns={5} rows={8} />}
          {page?.items.length === 0 && <tr><td colSpan={5} class="empty">没有符合条件的机构。</td></tr>}
          {page?.items.map((o) => (
            <tr key={o.id} data-organisation={o.id} class={o.closed ? 'closed' : ''}>
              <td><code>{o.id}</code></td>
              <td>{kindNames[o.kind] ?? o.kind}</td>
              <td>{o.name}</td>
              <td><code>{o.parentId ?? '—'}</code></td>
              <td>{keeper ? <RowActions organisation={o} onDone={() => void reload()} /> : o.closed ? '已撤销' : '在用'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager path={props.path} page={page} unit="个机构" />
    </section>
  );
}
