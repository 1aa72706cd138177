// 数据明细: the cases a figure counts (the auditor's drill-down), paged and sorted on the server (the kit's
// cursors: the page's address keeps sort, cursor and page size). The list's length is the figure (for 人次
// and hours, its sum); a closed period lists them as they stood at the close.
import { call } from '../../api.js';
import { ListTable, type ListColumn } from '../../list-table.js';
import { listStateOf, pagingParams, type PageAnswer } from '../../paging.js';
import { ProblemNote, useLoad, when } from '../../ui.js';
import { answerNames, topicNames } from '../walk-ins/words.js';
import { figureByKey, number, VILLAGES_MET_EVERY_MONTH } from './words.js';

interface Item {
  factId: string;
  caseKind: string;
  caseId: string;
  orgId: string;
  occurredAt: string;
  value: number;
  dims: Record<string, string>;
}
interface Facts extends PageAnswer {
  districtId: string;
  period: string;
  figure: string;
  asOf: string | null;
  /** The sum of the values (the figure for 人次 and hours); `total` is the list's length. */
  sum: number;
  items?: Item[];
  villageIds?: string[];
  /** The page's organisations' names, by id. */
  organisationNames: Record<string, string>;
}

/** The dims' values a reader meets most, in the report's words (the others as recorded). */
const dimNames: Readonly<Record<string, string>> = {
  ...topicNames, ...answerNames, application: '申请给予', notified: '通知指派', on_site: '驻点', remote: '远程',
  counter: '窗口申请', online: '网上申请', hotline_referral: '12345转办', advisor_referral: '法律顾问转介',
};
const caseKindNames: Readonly<Record<string, string>> = { 'work-order': '12345 工单', 'legal-aid': '法律援助', 'advisor-ledger': '法律顾问台账', 'walk-in': '来访咨询', village: '村(社区)' };
const columns = (sortable: boolean): ListColumn[] => [
  { label: '发生时间', width: '18%', ...(sortable ? { sort: 'occurredAt' } : {}) },
  { label: '类别', width: '12%' },
  { label: '案件', width: '24%' },
  { label: '单位', width: '22%' },
  { label: '数值', width: '8%', class: 'num' },
  { label: '细分', width: '16%' },
];
/** The cases an auditor can open in the audit service's history. */
const audited = new Set(['work-order', 'legal-aid', 'advisor-ledger']);

export function DrillDownPage(props: { path: string; districtId: string; period: string; figure: string; auditor: boolean }) {
  const { districtId, period, figure } = props;
  const list = listStateOf(props.path, 'occurredAt');
  const path = `/reports/${encodeURIComponent(districtId)}/${period}/figures/${encodeURIComponent(figure)}/facts?${new URLSearchParams(pagingParams(list))}`;
  const { loaded } = useLoad(() => call<Facts>('reports', path), path);
  const facts = loaded.state === 'ok' ? loaded.data : undefined;
  const words = figureByKey.get(figure);
  const title = figure === VILLAGES_MET_EVERY_MONTH ? '每月达标村(社区)' : words?.title ?? figure;
  const rows: Item[] = facts?.items ?? facts?.villageIds?.map((id) => ({ factId: id, caseKind: 'village', caseId: id, orgId: id, occurredAt: '', value: 1, dims: {} })) ?? [];
  return (
    <section class="page">
      <div class="page-head">
        <h1>
          {title} · 明细
        </h1>
        <a href={`#/reports/${districtId}/${period}`}>← 返回报告</a>
      </div>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="这项数据的明细" />}
      <p class="lead" data-count={facts?.total ?? ''}>
        {facts
          ? `${facts.period} · 共 ${facts.total} 条${words?.sum ? `，合计 ${number(facts.sum)} ${words.unit}` : ''}${facts.asOf ? ' · 按关账时的记录' : ''}`
          : '\u00a0'}
      </p>
      <ListTable
        class="facts-list"
        columns={columns(figure !== VILLAGES_MET_EVERY_MONTH)}
        items={facts ? rows : undefined}
        loading={loaded.state === 'loading'}
        placeholderRows={8}
        empty="没有计入的案件"
        sorting={{ path: props.path, state: list }}
        pager={{ path: props.path, page: facts, unit: figure === VILLAGES_MET_EVERY_MONTH ? '个村(社区)' : '条' }}
        row={(item) => (
          <tr key={item.factId} data-fact={item.factId}>
            <td>{item.occurredAt ? when(item.occurredAt) : '—'}</td>
            <td>{caseKindNames[item.caseKind] ?? item.caseKind}</td>
            <td>
              {props.auditor && audited.has(item.caseKind) ? <a href={`#/audit/${item.caseKind}/${encodeURIComponent(item.caseId)}`}>{item.caseId}</a> : <code>{item.caseId}</code>}
            </td>
            <td title={item.orgId}>{facts?.organisationNames[item.orgId] ?? item.orgId}</td>
            <td class="num">{number(item.value)}</td>
            <td>{Object.values(item.dims).map((v) => dimNames[v] ?? v).join(' · ')}</td>
          </tr>
        )}
      />
    </section>
  );
}
