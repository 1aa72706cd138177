// 导入表格: a ledger spreadsheet (XLSX or CSV) uploaded as it is. All or nothing: when any row is bad the page
// lists every bad row (sheet, row, column, the rule) and says plainly that nothing was imported; when the
// file is good, how many services were logged, and in which ledgers.
import { useState } from 'preact/hooks';
import { call, type Problem } from '../../api.js';
import type { Session } from '../../session.js';
import { Field, inputProps, ProblemNote, useIntent } from '../../ui.js';

interface RowError {
  sheet: string | null;
  row: number;
  column: string | null;
  rule: string;
  detail: string;
}

interface Summary {
  importId: string;
  status: 'completed' | 'nothing_new' | 'accepted';
  rows: number;
  newRows: number;
  alreadyLogged: number;
  ledgers: Array<{ villageId: string; month: string; newRows: number }>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function rowErrorsOf(problem: Problem | undefined): RowError[] {
  const list = problem?.extensions?.importErrors;
  return Array.isArray(list) ? (list as RowError[]) : [];
}

/** The Chinese half of a "中文 / English" detail. */
const chinese = (detail: string) => detail.split(' / ')[0] ?? detail;

async function downloadTemplate(): Promise<void> {
  const answer = await call<Blob>('advisors', '/imports/template.xlsx');
  if (!answer.ok) return;
  const url = URL.createObjectURL(answer.body);
  const link = document.createElement('a');
  link.href = url;
  link.download = '台账导入模板.xlsx';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ImportPage(props: { session: Session }) {
  const [file, setFile] = useState<File | undefined>();
  const [advisorId, setAdvisorId] = useState('');
  const [summary, setSummary] = useState<Summary | undefined>();
  const intent = useIntent();
  const isAdvisor = props.session.claims.role === 'legal_advisor';
  const rowErrors = rowErrorsOf(intent.problem);
  const upload = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    setSummary(undefined);
    const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
    const query = new URLSearchParams({ fileName: file.name, ...(!isAdvisor && advisorId ? { advisorId } : {}) });
    const answer = await intent.run((_commandId) => call<Summary>('advisors', `/imports?${query.toString()}`, { file: { body: file, type } }));
    if (answer) setSummary(answer);
  };
  return (
    <section class="page">
      <div class="page-head">
        <h1>导入台账表格</h1>
        <nav class="sub" aria-label="导入">
          <button type="button" class="quiet" onClick={() => void downloadTemplate()}>
            下载导入模板（XLSX）
          </button>
          {isAdvisor && <a href="#/advisors">我的台账</a>}
        </nav>
      </div>
      <p class="lead">支持 XLSX 和 CSV。整份文件要么全部导入，要么一条也不导入；同一文件重复导入不会重复登记。</p>
      <form class="action" onSubmit={(e) => void upload(e)} aria-label="导入表格">
        <div class="form-grid">
          <Field label="表格文件" name="import-file" hint="XLSX 或 CSV，不超过 10 MB">
            <input
              type="file"
              accept=".xlsx,.csv,text/csv"
              {...inputProps('import-file', undefined)}
              onChange={(e) => {
                setFile((e.target as HTMLInputElement).files?.[0]);
                setSummary(undefined);
                intent.clear();
              }}
            />
          </Field>
          {!isAdvisor && (
            <Field label="顾问编号（文件没有“法律顾问”列时）" name="import-advisor">
              <input type="text" {...inputProps('import-advisor', undefined)} value={advisorId} onInput={(e) => setAdvisorId((e.target as HTMLInputElement).value)} />
            </Field>
          )}
        </div>
        <p class="row-actions">
          <button type="submit" class="primary" disabled={!file || intent.busy}>
            {intent.busy ? '导入中…' : '导入'}
          </button>
        </p>
      </form>
      {summary && (
        <div class="done" role="status" data-import={summary.status}>
          {summary.status === 'nothing_new'
            ? `文件中的 ${summary.rows} 条记录此前都已导入，这次没有新增。`
            : `已导入 ${summary.newRows} 条服务记录${summary.alreadyLogged ? `（另有 ${summary.alreadyLogged} 条此前已导入，未重复登记）` : ''}。`}
          {summary.status === 'accepted' && ' 部分台账尚在写入，请稍后查看。'}
          <ul>
            {summary.ledgers.map((l) => (
              <li key={`${l.villageId}/${l.month}`}>
                <a href={`#/advisors/ledger/${l.villageId}/${l.month}`}>
                  {l.villageId} {l.month}
                </a>
                ：{l.newRows} 条
              </li>
            ))}
          </ul>
        </div>
      )}
      {rowErrors.length > 0 && (
        <section class="import-errors" aria-label="有问题的行">
          <p class="problem" role="alert" data-import="refused">
            文件中有 {rowErrors.length} 处问题，<strong>整份文件没有导入任何记录</strong>。请按下表修改文件后重新导入。
          </p>
          <table class="list row-errors">
            <thead>
              <tr>
                <th scope="col">工作表</th>
                <th scope="col" class="num">行</th>
                <th scope="col">列</th>
                <th scope="col">问题</th>
                <th scope="col">规则</th>
              </tr>
            </thead>
            <tbody>
              {rowErrors.map((e, i) => (
                <tr key={i} data-row-error={`${e.row}:${e.column ?? ''}`}>
                  <td>{e.sheet ?? '—'}</td>
                  <td class="num">第 {e.row} 行</td>
                  <td>{e.column ?? '整行'}</td>
                  <td>{chinese(e.detail)}</td>
                  <td>
                    <code>{e.rule}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {intent.problem && rowErrors.length === 0 && (
        intent.problem.status === 413 ? (
          <p class="problem" role="alert">
            文件太大：不超过 10 MB。没有导入任何记录。
          </p>
        ) : (
          <ProblemNote problem={intent.problem} what="这份表格涉及的台账" />
        )
      )}
    </section>
  );
}
