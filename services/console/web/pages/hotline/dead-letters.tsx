// 推送失败（死信）: the centre's calls the 12345 platform refused, or that outlived the retry budget; retry
// or give up (with a reason). Both are idempotent at the service: a second click changes nothing.
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { fieldErrors } from '../../problems.js';
import { eventNames } from './words.js';
import { Field, inputProps, PlaceholderRows, ProblemNote, useIntent, useLoad, when } from '../../ui.js';

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
      <table class="list">
        <colgroup>
          <col style="width: 17%" />
          <col style="width: 12%" />
          <col style="width: 15%" />
          <col style="width: 20%" />
          <col style="width: 36%" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">工单号</th>
            <th scope="col">推送内容</th>
            <th scope="col">失败时间</th>
            <th scope="col">平台答复</th>
            <th scope="col">处理</th>
          </tr>
        </thead>
        <tbody>
          {loaded.state === 'loading' && <PlaceholderRows columns={5} rows={3} />}
          {loaded.state === 'ok' && loaded.data.items.length === 0 && (
            <tr>
              <td colSpan={5} class="empty">
                没有推送失败的消息。
              </td>
            </tr>
          )}
          {loaded.state === 'ok' && loaded.data.items.map((letter) => <Row key={letter.id} letter={letter} onDone={() => void reload()} />)}
        </tbody>
      </table>
    </section>
  );
}
