// 工单: one order, its actions (sign for, note, assign, ask to return or extend, reply) and its timeline.
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { fieldErrors } from '../../problems.js';
import type { Session } from '../../session.js';
import { Field, inputProps, ProblemNote, useIntent, useLoad, when } from '../../ui.js';
import { categoryNames, eventNames, statusNames } from './words.js';

interface Order {
  workOrderId: string;
  externalNumber: string;
  category: string;
  status: string;
  personalDataMasked: boolean;
  citizen: { name: string | null; phone: string | null };
  content: string;
  dispatchedAt: string;
  signForDueAt: string;
  signedForAt: string | null;
  replyDueAt: string;
  returnWindowEndsAt: string;
  assigneeStaffId: string | null;
  signForOverdue: boolean;
  replyOverdue: boolean;
  repliedAt: string | null;
  returnRequestedAt: string | null;
  extensionRequestedDays: number | null;
  revision: string;
}

interface Timeline {
  chain: { intact: boolean; events: number };
  entries: Array<{ revision: string; type: string; occurredAt: string | null; recordedAt: string; actor: { id: string; role: string } | null; data: unknown }>;
}

interface Recorded {
  position: string | null;
  alreadyApplied: boolean;
}

type Act = (path: string, body: Record<string, unknown>) => Promise<Recorded | undefined>;

/** One action's small form: its fields, its own intent (command id), its problem shown beside it. */
function ActionForm(props: {
  title: string;
  action: string;
  order: Order;
  fields: Array<{ name: string; label: string; kind: 'text' | 'textarea' | 'number'; max?: number }>;
  submitLabel: string;
  onDone: (recorded: Recorded) => void;
}) {
  const intent = useIntent();
  const [values, setValues] = useState<Record<string, string>>({});
  const errors = fieldErrors(intent.problem);
  const submit = async (event: Event) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    for (const f of props.fields) body[f.name] = f.kind === 'number' ? Number(values[f.name] ?? '') : (values[f.name] ?? '');
    const recorded = await intent.run((commandId) =>
      call<Recorded>('hotline', `/work-orders/${props.order.workOrderId}/${props.action}`, { body: { commandId, ...body } }),
    );
    if (recorded) {
      setValues({});
      props.onDone(recorded);
    }
  };
  return (
    <form class="action" onSubmit={submit} aria-label={props.title} data-action={props.action}>
      <h3>{props.title}</h3>
      {props.fields.map((f) => {
        const error = errors[f.name];
        const common = { ...inputProps(`${props.action}-${f.name}`, error), value: values[f.name] ?? '', onInput: (e: Event) => setValues({ ...values, [f.name]: (e.target as HTMLInputElement).value }) };
        return (
          <Field key={f.name} label={f.label} name={`${props.action}-${f.name}`} error={error}>
            {f.kind === 'textarea' ? <textarea rows={3} maxLength={f.max} {...common} /> : f.kind === 'number' ? <input type="number" min={1} {...common} /> : <input type="text" maxLength={f.max} {...common} />}
          </Field>
        );
      })}
      <ProblemNote problem={intent.problem && !intent.problem.errors?.length ? intent.problem : undefined} what="这张工单" />
      <button type="submit" disabled={intent.busy}>
        {intent.busy ? '提交中…' : props.submitLabel}
      </button>
    </form>
  );
}

function SignFor(props: { order: Order; onDone: (r: Recorded) => void }) {
  const intent = useIntent();
  const sign = async () => {
    const recorded = await intent.run((commandId) => call<Recorded>('hotline', `/work-orders/${props.order.workOrderId}/sign-for`, { body: { commandId } }));
    if (recorded) props.onDone(recorded);
  };
  return (
    <div class="action" data-action="sign-for">
      <h3>签收</h3>
      <p class="muted">签收时限 {when(props.order.signForDueAt)}</p>
      <ProblemNote problem={intent.problem} what="这张工单" />
      <button type="button" class="primary" disabled={intent.busy} onClick={() => void sign()}>
        {intent.busy ? '签收中…' : '签收'}
      </button>
    </div>
  );
}

export function OrderPage(props: { workOrderId: string; session: Session }) {
  // After an act, read again once the read model has it (`?after=` the act's position).
  const [after, setAfter] = useState({ position: '', times: 0 });
  const suffix = after.position ? `?after=${encodeURIComponent(after.position)}` : '';
  const key = `${props.workOrderId}${suffix}#${after.times}`;
  const { loaded } = useLoad(() => call<Order>('hotline', `/work-orders/${props.workOrderId}${suffix}`), key);
  const timeline = useLoad(() => call<Timeline>('hotline', `/work-orders/${props.workOrderId}/timeline`), key);
  const [done, setDone] = useState<string | undefined>();
  const recorded = (what: string) => (r: Recorded) => {
    setDone(r.alreadyApplied ? `${what}：此前已记录，未重复记录。` : `${what}：已记录。`);
    setAfter((a) => ({ position: r.position ?? a.position, times: a.times + 1 }));
  };
  if (loaded.state === 'problem') {
    return (
      <section class="page">
        <h1>工单</h1>
        <ProblemNote problem={loaded.problem} what="这张工单" />
        <p>
          <a href="#/hotline">回到待办工单</a>
        </p>
      </section>
    );
  }
  const order = loaded.state === 'ok' ? loaded.data : undefined;
  const open = order && (order.status === 'awaiting_sign_for' || order.status === 'handling');
  const staff = ['centre_staff', 'centre_supervisor'].includes(props.session.claims.role);
  return (
    <section class="page order">
      <div class="page-head">
        <h1>工单 {order?.externalNumber ?? ''}</h1>
        <a href="#/hotline">← 待办工单</a>
      </div>
      {done && (
        <p class="done" role="status">
          {done}
        </p>
      )}
      <dl class="facts" aria-busy={!order}>
        <dt>状态</dt>
        <dd data-fact="status">{order ? statusNames[order.status] ?? order.status : '…'}</dd>
        <dt>类别</dt>
        <dd>{order ? categoryNames[order.category] ?? order.category : '…'}</dd>
        <dt>派单时间</dt>
        <dd>{when(order?.dispatchedAt)}</dd>
        <dt>签收时限</dt>
        <dd class={order?.signForOverdue ? 'bad' : ''}>
          {when(order?.signForDueAt)}
          {order?.signedForAt ? `（已于 ${when(order.signedForAt)} 签收）` : ''}
        </dd>
        <dt>答复时限</dt>
        <dd class={order?.replyOverdue ? 'bad' : ''}>{when(order?.replyDueAt)}</dd>
        <dt>承办人</dt>
        <dd>{order?.assigneeStaffId ?? '—'}</dd>
        <dt>来电人</dt>
        <dd>{order ? `${order.citizen.name ?? '—'} ${order.citizen.phone ?? ''}${order.personalDataMasked ? '（已脱敏）' : ''}` : '…'}</dd>
        <dt class="wide">诉求内容</dt>
        <dd class="wide content">{order?.content ?? '…'}</dd>
      </dl>
      {order && open && staff && (
        <div class="actions">
          {order.status === 'awaiting_sign_for' && <SignFor order={order} onDone={recorded('签收')} />}
          {order.status === 'handling' && (
            <ActionForm title="答复（办结）" action="reply" order={order} submitLabel="提交答复" fields={[{ name: 'answer', label: '答复内容', kind: 'textarea', max: 8000 }]} onDone={recorded('答复')} />
          )}
          <ActionForm title="办理记录" action="notes" order={order} submitLabel="记录" fields={[{ name: 'note', label: '记录内容', kind: 'textarea', max: 4000 }]} onDone={recorded('办理记录')} />
          {props.session.claims.role === 'centre_supervisor' && (
            <ActionForm title="指定承办人" action="assignment" order={order} submitLabel="指定" fields={[{ name: 'assigneeStaffId', label: '承办人工号', kind: 'text', max: 64 }]} onDone={recorded('指定承办人')} />
          )}
          <ActionForm title="申请退单" action="return-request" order={order} submitLabel="申请退单" fields={[{ name: 'reason', label: '退单理由', kind: 'textarea', max: 1000 }]} onDone={recorded('申请退单')} />
          {order.status === 'handling' && (
            <ActionForm
              title="申请延期"
              action="extension-request"
              order={order}
              submitLabel="申请延期"
              fields={[{ name: 'reason', label: '延期理由', kind: 'textarea', max: 1000 }, { name: 'workingDays', label: '延期工作日数', kind: 'number' }]}
              onDone={recorded('申请延期')}
            />
          )}
        </div>
      )}
      <h2>办理经过</h2>
      {timeline.loaded.state === 'problem' &&
        (timeline.loaded.problem.status === 403 ? <p class="muted">您的岗位不在此查看办理经过（审计人员请在审计系统查看，查看会被记录）。</p> : <ProblemNote problem={timeline.loaded.problem} what="办理经过" />)}
      <ol class="timeline" aria-busy={timeline.loaded.state === 'loading'}>
        {timeline.loaded.state === 'ok' &&
          timeline.loaded.data.entries.map((e) => (
            <li key={e.revision} data-event={e.type}>
              <time>{when(e.occurredAt ?? e.recordedAt)}</time>
              <strong>{eventNames[e.type] ?? e.type}</strong>
              <span class="muted">{e.actor ? e.actor.id : '12345 平台'}</span>
            </li>
          ))}
      </ol>
      {timeline.loaded.state === 'ok' && (
        <p class={timeline.loaded.data.chain.intact ? 'muted' : 'problem'}>
          {timeline.loaded.data.chain.intact ? `记录完整（${timeline.loaded.data.chain.events} 条，哈希链校验通过）` : '记录的哈希链校验未通过，请报告管理员。'}
        </p>
      )}
    </section>
  );
}
