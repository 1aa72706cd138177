// 关账与更正说明: a district's statistician closes a period that has ended (its figures are from then on
// those recorded by the close); corrections recorded later show as restatements (the figure as closed,
// as it stands, the events that moved it). And the peer-review rank (优良率排名) of a year, as published.
import { useState } from 'preact/hooks';
import { call, type Problem } from '../../api.js';
import { fieldErrors } from '../../problems.js';
import { Field, inputProps, ProblemNote, useIntent, when } from '../../ui.js';
import { eventNames as hotlineEvents } from '../hotline/words.js';
import { figureByKey, number, periodRules, type DistrictReport } from './words.js';

/** The events that move a closed figure, in words (the others by their type). */
const eventNames: Readonly<Record<string, string>> = {
  ...hotlineEvents, WalkInConsultationRecorded: '来访登记', WalkInConsultationVoided: '来访登记作废', ServiceLogged: '服务登记', ServiceCorrected: '服务更正', ServiceVoided: '服务作废',
};

function RuleOrProblem(props: { problem: Problem | undefined; what: string }) {
  const rule = props.problem?.rule ? periodRules[props.problem.rule] : undefined;
  if (rule) return <p class="problem" role="alert">{rule}</p>;
  return <ProblemNote problem={props.problem} what={props.what} />;
}

export function CloseStatus(props: { district: DistrictReport; period: string; periodLabel: string; statistician: boolean; onChanged: () => void }) {
  const { district: d } = props;
  const intent = useIntent();
  const [confirming, setConfirming] = useState(false);
  if (d.closed) {
    return (
      <p class="done" data-closed={props.period}>
        {props.periodLabel}已于 {when(d.closed.closedAt)} 关账：本期数据按关账时已记录的计算。
      </p>
    );
  }
  if (!props.statistician) return <p class="muted">{props.periodLabel}尚未关账：数据随记录变化。</p>;
  const close = async () => {
    const done = await intent.run((commandId) => call('reports', `/reports/${d.districtId}/${props.period}/close`, { body: { commandId, note: null } }));
    if (done) props.onChanged();
  };
  return (
    <div class="row-actions close-period">
      <span class="muted">{props.periodLabel}尚未关账。</span>
      {confirming ? (
        <>
          <span class="warning">关账后本期数据固定；之后的补录或更正将作为更正说明列出。</span>
          <button type="button" class="primary" disabled={intent.busy} onClick={() => void close()} data-action="close-period">
            确认关账
          </button>
          <button type="button" class="quiet" onClick={() => setConfirming(false)}>
            取消
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          关账…
        </button>
      )}
      <RuleOrProblem problem={intent.problem} what="这一期" />
    </div>
  );
}

export function Restatements(props: { district: DistrictReport }) {
  const { restatements } = props.district;
  if (!props.district.closed) return null;
  return (
    <section aria-label="更正说明">
      <h2>更正说明（关账后补录或更正）</h2>
      {restatements.length === 0 ? (
        <p class="muted" data-restatements="0">关账后没有影响本期数据的补录或更正。</p>
      ) : (
        <table class="list" data-restatements={restatements.length}>
          <colgroup>
            <col style="width: 24%" />
            <col style="width: 12%" />
            <col style="width: 12%" />
            <col style="width: 52%" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col" class="num">关账数</th>
              <th scope="col" class="num">现数</th>
              <th scope="col">变动事件</th>
            </tr>
          </thead>
          <tbody>
            {restatements.map((r) => (
              <tr key={r.figure} data-restated={r.figure}>
                <td>{figureByKey.get(r.figure)?.title ?? r.figure}</td>
                <td class="num">{number(r.asClosed)}</td>
                <td class="num">{number(r.now)}</td>
                <td>
                  {r.changes.map((c) => (
                    <div key={`${c.streamName}-${c.recordedAt}-${c.eventType}`}>
                      {when(c.recordedAt)} {eventNames[c.eventType] ?? c.eventType}（{c.eventType}） <code>{c.streamName}</code>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function RankForm(props: { district: DistrictReport; year: number; onChanged: () => void }) {
  const intent = useIntent();
  const [draft, setDraft] = useState({ rank: '', of: '', source: '市司法局通报' });
  const errors = fieldErrors(intent.problem);
  const record = async () => {
    const done = await intent.run((commandId) =>
      call('reports', `/reports/${props.district.districtId}/peer-review-ranks`, {
        body: { commandId, year: props.year, rank: Number(draft.rank) || draft.rank, of: Number(draft.of) || draft.of, source: draft.source },
      }),
    );
    if (done) props.onChanged();
  };
  const set = (key: keyof typeof draft) => (e: Event) => setDraft({ ...draft, [key]: (e.target as HTMLInputElement).value });
  return (
    <form
      class="action rank"
      data-action="peer-review-rank"
      onSubmit={(e) => {
        e.preventDefault();
        void record();
      }}
    >
      <h3>登记{props.year}年同行评估优良率全市排名</h3>
      <div class="form-grid">
        <Field label="名次" name="rank" error={errors.rank}>
          <input {...inputProps('rank', errors.rank)} type="number" min={1} value={draft.rank} onInput={set('rank')} />
        </Field>
        <Field label="参评单位数" name="of" error={errors.of}>
          <input {...inputProps('of', errors.of)} type="number" min={1} value={draft.of} onInput={set('of')} />
        </Field>
        <Field label="来源" name="source" error={errors.source} wide>
          <input {...inputProps('source', errors.source)} value={draft.source} onInput={set('source')} />
        </Field>
      </div>
      <button type="submit" disabled={intent.busy}>
        登记排名
      </button>
      <RuleOrProblem problem={intent.problem} what="这一排名" />
    </form>
  );
}
