// 推送失败（死信）: the centre's calls the 12345 platform refused, or that outlived the retry budget; retry
// or give up (with a reason). Both are idempotent at the service: a second click changes nothing.
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { fieldErrors } from '../../problems.js';
import { eventNames } from './words.js';
import { ListTable, type ListColumn } from '../../list-table.js';
import { Field, inputProps, ProblemNote, useIntent, useLoad, when } from '../../ui.js';

interface DeadLetter {
  id: string;
  eventType: string;
  attributes: Record<string, string>;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  deadAt: string | null;
  deadReason: string | null;
  held: number;
}

const deadReasons: Readonly<Record<string, string>> = { rejected: '平台拒收', retry_budget_spent: '多次重试仍未送达' };

function Row(props: { letter: DeadLetter; onDone: () => void }) {
  const { letter } = props;
  const retry = useIntent();
  const discard = useIntent();
  const [reason, setReason] = useState('');
  const [discarding, setDiscarding] = useState(false);
  const errors = fieldErrors(discard.problem);
  return (
    <tr data-letter={letter.id}>
      <td>{letter.attributes.orderNo ?? '—'}</td>
      <td>{eventNames[letter.eventType] ?? letter.eventType}</td>
      <td>{when(letter.deadAt)}</td>
      <td>
        {letter.lastStatus === null ? '平台无应答' : `平台答复 ${letter.lastStatus}`}
        {letter.deadReason ? `（${deadReasons[letter.deadReason] ?? letter.deadReason}）` : ''}
        {letter.held > 0 && <span class="tag">其后 {letter.held} 条待发</span>}
      </td>
      <td>
        <div class="row-actions">
        <button type="button" disabled={retry.busy} onClick={() => void retry.run(() => call('hotline', `/outbox/dead-letters/${encodeURIComponent(letter.id)}/retry`, { method: 'POST' })).then((r) => r && props.onDone())}>
          重新推送
        </button>
        {!discarding ? (
          <button type="button" class="quiet" onClick={() => setDiscarding(true)}>
            放弃…
          </button>
        ) : (
          <form
            class="inline"
            onSubmit={(e) => {
              e.preventDefault();
              void discard.run(() => call('hotline', `/outbox/dead-letters/${encodeURIComponent(letter.id)}/discard`, { body: { reason } })).then((r) => r && props.onDone());
            }}
          >
            <Field label="放弃理由" name={`reason-${letter.id}`} error={errors.reason}>
              <input {...inputProps(`reason-${letter.id}`, errors.reason)} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
            </Field>
            <button type="submit" disabled={discard.busy}>
              确认放弃
            </button>
          </form>
        )}
        </div>
        <ProblemNote problem={retry.problem ?? (discard.problem?.errors?.length ? undefined : discard.problem)} what="这条推送" />
      </td>
    </tr>
  );
}

const letterColumns: readonly ListColumn[] = [
  { label: '工单号', width: '17%' },
  { label: '推送内容', width: '12%' },
  { label: '失败时间', width: '15%' },
  { label: '平台答复', width: '20%' },
  { label: '处理', width: '36%' },
];

export function DeadLettersPage() {
  const { loaded, reload } = useLoad(() => call<{ items: DeadLetter[] }>('hotline', '/outbox/dead-letters?limit=50'), 'dead-letters');
  return (
    <section class="page">
      <div class="page-head">
        <h1>推送失败（死信）</h1>
        <button type="button" onClick={() => void reload()}>
          刷新
        </button>
        <a href="#/hotline">← 待办工单</a>
      </div>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="推送失败清单" />}
      <ListTable
        columns={letterColumns}
        items={loaded.state === 'ok' ? loaded.data.items : undefined}
        loading={loaded.state === 'loading'}
        placeholderRows={3}
        empty="没有推送失败的消息。"
        row={(letter) => <Row key={letter.id} letter={letter} onDone={() => void reload()} />}
      />
    </section>
  );
}
