// 本月指标: the month's figures as the service counts them (GET /reports/monthly/:month).
import { call } from '../../api.js';
import { go, queryOf } from '../../router.js';
import { ProblemNote, thisMonth, useLoad, when } from '../../ui.js';

interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}
interface Report {
  month: string;
  asOf: string;
  dispatched: number;
  timelySignForRate: Ratio;
  returnRate: Ratio;
  onTimeReplyRate: Ratio;
  satisfactionRate: Ratio;
  resolutionRate: Ratio;
  overdueCount: number;
}

const rates: Array<[keyof Report, string]> = [
  ['timelySignForRate', '及时签收率'],
  ['returnRate', '退单率'],
  ['onTimeReplyRate', '按时办结率'],
  ['satisfactionRate', '满意率'],
  ['resolutionRate', '解决率'],
];

const percent = (r: Ratio) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);

export function HotlineFiguresPage(props: { path: string; worklist?: boolean }) {
  const month = queryOf(props.path).get('month') ?? thisMonth();
  const { loaded } = useLoad(() => call<Report>('hotline', `/reports/monthly/${month}`), month);
  const report = loaded.state === 'ok' ? loaded.data : undefined;
  return (
    <section class="page">
      <div class="page-head">
        <h1>月度指标</h1>
        {props.worklist !== false && <a href="#/hotline">← 待办工单</a>}
      </div>
      <label class="inline-label">
        月份{' '}
        <input type="month" value={month} onChange={(e) => go(`/hotline${props.worklist === false ? '' : '/figures'}?month=${(e.target as HTMLInputElement).value}`)} />
      </label>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="该月指标" />}
      <div class="figures" aria-busy={!report}>
        <div class="figure">
          <span>派单</span>
          <strong data-figure="dispatched">{report ? report.dispatched : '…'}</strong>
        </div>
        <div class="figure">
          <span>超期</span>
          <strong class={report && report.overdueCount > 0 ? 'bad' : ''}>{report ? report.overdueCount : '…'}</strong>
        </div>
        {rates.map(([key, label]) => {
          const r = report?.[key] as Ratio | undefined;
          return (
            <div class="figure" key={key}>
              <span>{label}</span>
              <strong>{r ? percent(r) : '…'}</strong>
              <small>{r ? `${r.numerator} / ${r.denominator}` : '\u00a0'}</small>
            </div>
          );
        })}
      </div>
      <p class="muted">统计截至 {when(report?.asOf)}（北京时间）</p>
    </section>
  );
}
