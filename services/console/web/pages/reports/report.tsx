// 数据报告: a district's (or the city's, district by district) figures for a year, quarter or month: the
// headline figures with the previous period and the change, then each section's figures and its charts
// (drawn by the report service), every figure linked to the cases it counts; HTML, PDF and XLSX to take
// away; the statistician closes an ended period and sees the restatements, and records the rank.
import { useEffect, useState } from 'preact/hooks';
import { call } from '../../api.js';
import { DownloadButton } from '../../download.js';
import type { Session } from '../../session.js';
import { ProblemNote, thisMonth, useLoad, when } from '../../ui.js';
import { ServerChart } from './chart.js';
import { FiguresTable } from './figures-table.js';
import { CloseStatus, RankForm, Restatements } from './period-actions.js';
import { kindOf, ScopePicker, useScopes, type Scope } from './scope.js';
import { change, chartKeys, figureWords, number, sections, sectionTitles, type Chart, type Report, type Section } from './words.js';

/** The period's label before the report says it: 2026年 / 2026年第4季度 / 2026年11月. */
function labelOf(period: string): string {
  const kind = kindOf(period);
  if (kind === 'year') return `${period}年`;
  if (kind === 'quarter') return `${period.slice(0, 4)}年第${period.slice(6)}季度`;
  return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}

export function ReportsHomePage(props: { session: Session }) {
  const scopes = useScopes(props.session);
  const first = scopes.state === 'ok' ? scopes.scopes[0] : undefined;
  useEffect(() => {
    // Replaced, not pushed: going back from the report leaves the reports rather than landing here again.
    if (first) location.replace(`#/reports/${first.id}/${thisMonth()}`);
  }, [first?.id]);
  return (
    <section class="page">
      <h1>数据报告</h1>
      {scopes.state === 'problem' && <ProblemNote problem={scopes.problem} what="组织机构名录" />}
      {scopes.state === 'ok' && scopes.scopes.length === 0 && <p class="problem" role="alert">您所在单位不属于任何区，没有可查看的报告。</p>}
      {scopes.state === 'loading' && <p class="loading">正在读取…</p>}
    </section>
  );
}

const headline = figureWords.filter((w) => w.section === 'headline');
const noCharts = { ok: true as const, status: 200, body: { charts: [] as Chart[] }, headers: new Headers() };
const known0 = (scopes: ReturnType<typeof useScopes>, id: string) => (scopes.state === 'ok' ? scopes.scopes.find((s) => s.id === id) : undefined);

export function ReportPage(props: { scopeId: string; period: string; session: Session }) {
  const { scopeId, period, session } = props;
  const [version, setVersion] = useState(0);
  const [districtAt, setDistrictAt] = useState(0);
  const scopes = useScopes(session);
  const base = `/reports/${encodeURIComponent(scopeId)}/${period}`;
  // The figures only (the charts are drawn by the service): a city's hundred rows without their monthly
  // series, breakdowns and links, which this page never reads.
  const { loaded } = useLoad(() => call<Report>('reports', `${base}?view=figures`), `${base}#${version}`);
  // The charts are asked for once the figures are in: drawing them is the service's slowest part, and the
  // figures are what the person reads first.
  const figuresIn = loaded.state === 'ok';
  const charts = useLoad(() => (figuresIn ? call<{ charts: Chart[] }>('reports', `${base}/charts`) : new Promise<never>(() => {})), `${base}#${version}#${figuresIn}`).loaded;
  const label = labelOf(period);
  const report = loaded.state === 'ok' ? loaded.data : undefined;
  const district = report?.districts[Math.min(districtAt, report.districts.length - 1)];
  const districtId = district?.districtId ?? scopeId;
  // The city's sections show the chosen district: their charts are that district's (the city's trend and
  // the districts side by side stay at the top).
  const cityWide = (report?.districts.length ?? 0) > 1 && district !== undefined;
  const sectionBase = cityWide ? `/reports/${encodeURIComponent(districtId)}/${period}` : base;
  const districtCharts = useLoad(
    () => (cityWide ? call<{ charts: Chart[] }>('reports', `${sectionBase}/charts`) : Promise.resolve(noCharts)),
    `${sectionBase}#${version}#${cityWide}`,
  ).loaded;
  const drawnHere = charts.state === 'ok' ? charts.data.charts : [];
  const drawnThere = districtCharts.state === 'ok' ? districtCharts.data.charts : [];
  const city = report ? report.districts.length > 1 : Boolean(known0(scopes, scopeId)?.city);
  // Before the drawings arrive, their boxes are there already (nothing below them moves).
  const chartsOf = (section: Section): Array<{ key: string; title: string; svg: string | undefined }> => {
    const drawn = section === 'headline' || !cityWide ? drawnHere : drawnThere;
    return drawn.length ? drawn.filter((c) => c.section === section) : [...chartKeys[section], ...(section === 'headline' && city ? ['districts_side_by_side'] : [])].map((key) => ({ key, title: '', svg: undefined }));
  };
  // A period is closed by the statistician whose figures it freezes: a district's statistician their
  // district, the city's statistician the city's own row (市本级, the city's id); the rank is the district's.
  const districtStatistician = session.claims.role === 'statistician' && report?.districts.length === 1;
  const closer = districtStatistician || (session.claims.role === 'city_statistician' && district !== undefined && district.districtId === report?.scope.id);
  const known: Scope[] = scopes.state === 'ok' ? scopes.scopes : [{ id: scopeId, name: report?.scope.name ?? scopeId, city: false }];

  if (loaded.state === 'problem') {
    return (
      <section class="page">
        <h1>数据报告</h1>
        <ProblemNote problem={loaded.problem} what="这份报告" />
        <p>
          <a href="#/reports">回到我的报告</a>
        </p>
      </section>
    );
  }
  return (
    <section class="page report">
      <div class="page-head">
        <h1>
          {report?.scope.name ?? '…'}公共法律服务数据 · {report?.period.label ?? label}
        </h1>
        <ScopePicker scopes={known} scopeId={scopeId} period={period} />
      </div>
      <p class="row-actions downloads">
        <DownloadButton service="reports" path={`${base}/report.html`} name={`report-${scopeId}-${period}.html`} label="下载网页版" kind="html" what="这份报告" />
        <DownloadButton service="reports" path={`${base}/report.pdf`} name={`report-${scopeId}-${period}.pdf`} label="下载 PDF" kind="pdf" what="这份报告" />
        <DownloadButton service="reports" path={`${base}/report.xlsx`} name={`report-${scopeId}-${period}.xlsx`} label="下载 Excel" kind="xlsx" what="这份报告" />
        <span class="muted">与{report?.previousPeriod.label ?? '上一期'}比较 · 生成于 {when(report?.generatedAt)}</span>
      </p>
      {report && report.districts.length > 1 && (
        <nav class="filters" aria-label="区">
          {report.districts.map((d, i) => (
            <button type="button" key={d.districtId} class={`chip${i === districtAt ? ' on' : ''}`} aria-pressed={i === districtAt} onClick={() => setDistrictAt(i)}>
              {d.name}
            </button>
          ))}
          <a href={`#/reports/${districtId}/${period}`}>只看{district?.name}</a>
        </nav>
      )}
      <div class="close-line">{district ? <CloseStatus district={district} period={period} periodLabel={report?.period.label ?? label} statistician={closer} onChanged={() => setVersion((v) => v + 1)} /> : <p class="loading">正在读取…</p>}</div>
      <div class="figures headline" aria-busy={!district}>
        {headline.map((w) => {
          const v = district?.figures[w.key];
          return (
            <a class="figure" key={w.key} href={`#/reports/${districtId}/${period}/figures/${w.key}`} data-headline={w.key}>
              <span>
                {w.title}（{w.unit}）
              </span>
              <strong>{district ? number(v?.value) : '…'}</strong>
              <small>{district ? `${report?.previousPeriod.label}：${number(v?.previous)} · 增减 ${change(v)}` : '\u00a0'}</small>
            </a>
          );
        })}
      </div>
      {city && <p class="muted">走势图为全市各区合计；其余数据与图表为所选的区。</p>}
      <div class="charts">
        {chartsOf('headline').map((c) => (
          <ServerChart key={c.key} chartKey={c.key} title={c.title} svg={c.svg} />
        ))}
      </div>
      {sections
        .filter((s) => s !== 'headline')
        .map((s) => (
          <section key={s} aria-label={sectionTitles[s]} data-report-section={s}>
            <h2>{sectionTitles[s]}</h2>
            <FiguresTable district={district} districtId={districtId} period={period} section={s} periodLabel={report?.period.label ?? label} previousLabel={report?.previousPeriod.label ?? '上一期'} />
            <div class="charts">
              {chartsOf(s).map((c) => (
                <ServerChart key={c.key} chartKey={c.key} title={c.title} svg={c.svg} />
              ))}
            </div>
          </section>
        ))}
      {charts.state === 'problem' && <ProblemNote problem={charts.problem} what="这份报告的图表" />}
      {district && <Restatements district={district} />}
      {districtStatistician && district && <RankForm district={district} year={Number(period.slice(0, 4))} onChanged={() => setVersion((v) => v + 1)} />}
    </section>
  );
}
