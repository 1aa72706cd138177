// 本月来访登记: the month's visits at the places within reach, newest first, paged on the server; today's
// marked; each voidable with a reason (one intent, one command id).
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { fieldErrors } from '../../problems.js';
import { day, PlaceholderRows, ProblemNote, useIntent, useLoad, when } from '../../ui.js';
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
interface VisitList {
  total: number;
  limit: number;
  offset: number;
  entries: Visit[];
}

const PAGE = 20;

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

export function VisitsTable(props: { month: string; after: string; version: number; canVoid: boolean; onChanged: (position: string | null) => void }) {
  const [offset, setOffset] = useState(0);
  const query = `month=${props.month}&limit=${PAGE}&offset=${offset}&includeVoided=true${props.after ? `&after=${encodeURIComponent(props.after)}` : ''}`;
  const { loaded } = useLoad(() => call<VisitList>('legal-aid', `/walk-in-consultations?${query}`), `${query}#${props.version}`);
  const list = loaded.state === 'ok' ? loaded.data : undefined;
  const today = day(new Date().toISOString());
  return (
    <section aria-label="本月来访登记">
      <div class="page-head">
        <h2>本月登记</h2>
        <span class="count" data-total={list?.total ?? ''}>
          {list ? `共 ${list.total} 条` : ''}
        </span>
      </div>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="来访登记" />}
      <table class="list walk-ins">
        <colgroup>
          <col style="width: 16%" />
          <col style="width: 8%" />
          <col style="width: 14%" />
          <col style="width: 22%" />
          <col style="width: 20%" />
          <col style="width: 20%" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">来访时间</th>
            <th scope="col">人数</th>
            <th scope="col">事项</th>
            <th scope="col">答复方式</th>
            <th scope="col">备注</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {!list && <PlaceholderRows columns={6} rows={5} />}
          {list && list.entries.length === 0 && (
            <tr>
              <td colSpan={6} class="empty">
                本月还没有登记
              </td>
            </tr>
          )}
          {list?.entries.map((v) => (
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
          ))}
        </tbody>
      </table>
      {list && list.total > PAGE && (
        <p class="row-actions">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            上一页
          </button>
          <span class="muted">
            第 {offset + 1}–{Math.min(offset + PAGE, list.total)} 条
          </span>
          <button type="button" disabled={offset + PAGE >= list.total} onClick={() => setOffset(offset + PAGE)}>
            下一页
          </button>
        </p>
      )}
    </section>
  );
}
