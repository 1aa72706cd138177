// 本月来访登记: the month's visits at the places within reach, newest first, sorted and keyset-paged on the server; today's
// marked; each voidable with a reason (one intent, one command id).
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { fieldErrors } from '../../problems.js';
import { ListTable, type ListColumn } from '../../list-table.js';
import { listStateOf, pagingParams, type PageAnswer } from '../../paging.js';
import { day, ProblemNote, useIntent, useLoad, when } from '../../ui.js';
import { answerNames, topicNames } from './words.js';

export interface Visit {
  consultationId: string;
  placeId: string;
  occurredAt: string;
  persons: number;
  topic: string;
  answer: string;
  referredTo: string | null;
  note: string | null;
  voided: boolean;
  voidReason: string | null;
}
interface VisitList extends PageAnswer {
  entries: Visit[];
}

function VoidAction(props: { visit: Visit; canVoid: boolean; onVoided: (position: string | null) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const intent = useIntent();
  if (!props.canVoid) return null;
  if (!open) {
    return (
      <button type="button" class="quiet" onClick={() => setOpen(true)}>
        作废…
      </button>
    );
  }
  const error = fieldErrors(intent.problem).reason;
  const confirm = async () => {
    const body = await intent.run((commandId) => call<{ position: string | null }>('legal-aid', `/walk-in-consultations/${props.visit.consultationId}/void`, { body: { commandId, reason } }));
    if (body) props.onVoided(body.position);
  };
  return (
    <form
      class={`inline${error ? ' has-error' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}
    >
      <span class={`field${error ? ' has-error' : ''}`}>
        <input aria-label="作废理由" aria-invalid={error ? 'true' : 'false'} placeholder="作废理由（必填）" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </span>
      <button type="submit" disabled={intent.busy}>
        确认作废
      </button>
      {intent.problem && !error && <ProblemNote problem={intent.problem} what="这条登记" />}
      {error && <span class="field-note">请写明作废理由</span>}
    </form>
  );
}

const columns: readonly ListColumn[] = [
  { label: '来访时间', width: '16%', sort: 'occurredAt' },
  { label: '人数', width: '8%' },
  { label: '事项', width: '14%' },
  { label: '答复方式', width: '22%' },
  { label: '备注', width: '20%' },
  { label: '操作', width: '20%' },
];

/** The month's visits, newest first unless the person sorts by the 来访时间 header; sort and page in the page's address. */
export function VisitsTable(props: { path: string; month: string; after: string; version: number; canVoid: boolean; onChanged: (position: string | null) => void }) {
  const state = listStateOf(props.path, '-occurredAt');
  const query = new URLSearchParams({ month: props.month, includeVoided: 'true', ...pagingParams(state), ...(props.after ? { after: props.after } : {}) }).toString();
  const { loaded } = useLoad(() => call<VisitList>('legal-aid', `/walk-in-consultations?${query}`), `${query}#${props.version}`);
  const list = loaded.state === 'ok' ? loaded.data : undefined;
  const today = day(new Date().toISOString());
  return (
    <section aria-label="本月来访登记">
      <h2>本月登记</h2>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="来访登记" />}
      <ListTable
        class="walk-ins"
        columns={columns}
        items={list?.entries}
        loading={loaded.state === 'loading'}
        placeholderRows={5}
        empty="本月还没有登记"
        sorting={{ path: props.path, state }}
        pager={{ path: props.path, page: list, unit: '条' }}
        row={(v) => (
          <tr key={v.consultationId} data-visit={v.consultationId} class={v.voided ? 'voided' : ''}>
            <td>
              {when(v.occurredAt)}
              {day(v.occurredAt) === today && <span class="tag ok">今天</span>}
            </td>
            <td>{v.persons}</td>
            <td>{topicNames[v.topic] ?? v.topic}</td>
            <td>
              {answerNames[v.answer] ?? v.answer}
              {v.referredTo ? `：${v.referredTo}` : ''}
            </td>
            <td>{v.note ?? ''}</td>
            <td>{v.voided ? <span class="tag bad" title={v.voidReason ?? ''}>已作废：{v.voidReason}</span> : <VoidAction visit={v} canVoid={props.canVoid} onVoided={props.onChanged} />}</td>
          </tr>
        )}
      />
    </section>
  );
}
