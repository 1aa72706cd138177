// 锚点: the signed anchors the audit service records (a Merkle root over every stream's head), each file
// to keep outside the system, the public key that checks them, and the verdict of verifying the whole
// store against the latest anchor (a job, followed until it finishes). The city's auditors only.
import { useEffect, useState } from 'preact/hooks';
import { call } from '../../api.js';
import { DownloadButton } from '../../download.js';
import { ListTable, type ListColumn } from '../../list-table.js';
import { ProblemNote, useIntent, useLoad, when } from '../../ui.js';

interface Anchor {
  anchorId: string;
  root: string;
  streams: number;
  events: number;
  chainFindings: number;
  createdAt: string;
}
interface Job {
  jobId: string;
  status: 'running' | 'finished' | 'failed';
  anchorId: string | null;
  checkedEvents: number;
  checkedStreams: number;
  /** Null while running on a store that cannot count its events (EventStoreDB): the events checked show instead. */
  progress: number | null;
  intact: boolean | null;
  findings: Array<{ stream: string; kind: string; revision: string; detail: string }>;
}

function VerifyAgainstLatest(props: { latest: Anchor | undefined }) {
  const intent = useIntent();
  const [job, setJob] = useState<Job | undefined>();
  useEffect(() => {
    if (!job || job.status !== 'running') return undefined;
    const timer = setTimeout(async () => {
      const answer = await call<Job>('audit', `/verification-jobs/${job.jobId}`);
      if (answer.ok) setJob(answer.body);
    }, 500);
    return () => clearTimeout(timer);
  }, [job]);
  const start = async () => {
    const started = await intent.run(() => call<Job>('audit', '/verification-jobs', { body: {} }));
    if (started) setJob(started);
  };
  return (
    <div class="action verify-all">
      <h3>全库校验</h3>
      <p class="muted">逐条重算每个案件的哈希链，并与{props.latest ? `最新锚点（${when(props.latest.createdAt)}）` : '锚点（尚无）'}核对。</p>
      <button type="button" disabled={intent.busy || job?.status === 'running'} onClick={() => void start()}>
        {job?.status === 'running' ? `校验中… ${job.progress === null ? `已核 ${job.checkedEvents} 条` : `${Math.round(job.progress * 100)}%`}` : '开始校验'}
      </button>
      <ProblemNote problem={intent.problem} what="全库校验" />
      {job && job.status !== 'running' && (
        <p class={job.intact ? 'done' : 'problem'} data-store-verdict={job.intact ? 'intact' : 'broken'} role="status">
          {job.intact
            ? `完整：${job.checkedStreams} 个案件、${job.checkedEvents} 条事件${job.anchorId ? '，与最新锚点一致' : '（尚无锚点可核对）'}。`
            : `发现 ${job.findings.length} 处问题：${job.findings.slice(0, 5).map((f) => `${f.stream} 第 ${f.revision} 条 ${f.kind}`).join('；')}`}
        </p>
      )}
    </div>
  );
}

const anchorColumns: readonly ListColumn[] = [
  { label: '记录时间', width: '18%' },
  { label: '根哈希', width: '38%' },
  { label: '案件数', width: '10%', class: 'num' },
  { label: '事件数', width: '12%', class: 'num' },
  { label: '锚点文件', width: '22%' },
];

export function AnchorsPage() {
  const [version, setVersion] = useState(0);
  const { loaded } = useLoad(() => call<{ anchors: Anchor[] }>('audit', '/anchors'), `anchors#${version}`);
  const record = useIntent();
  const anchors = loaded.state === 'ok' ? [...loaded.data.anchors].reverse() : undefined;
  return (
    <section class="page">
      <div class="page-head">
        <h1>锚点与全库校验</h1>
        <a href="#/audit">← 查找案件</a>
      </div>
      <p class="row-actions">
        <DownloadButton service="audit" path="/anchors/public-key" name="anchor-public-key.pem" label="下载公钥" kind="public-key" what="公钥" />
        <button type="button" disabled={record.busy} onClick={() => void record.run(() => call('audit', '/anchors', { method: 'POST' })).then((done) => done && setVersion((v) => v + 1))}>
          立即记录锚点
        </button>
        <ProblemNote problem={record.problem} what="锚点" />
      </p>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="锚点" />}
      <ListTable
        class="anchors"
        columns={anchorColumns}
        items={anchors}
        loading={loaded.state === 'loading'}
        placeholderRows={3}
        empty="尚未记录锚点"
        row={(a) => (
          <tr key={a.anchorId} data-anchor={a.anchorId}>
            <td>
              {when(a.createdAt)}
              {a === anchors?.[0] && <span class="tag ok">最新</span>}
            </td>
            <td>
              <code>{a.root}</code>
            </td>
            <td class="num">{a.streams}</td>
            <td class="num">{a.events}</td>
            <td>
              <DownloadButton service="audit" path={`/anchors/${a.anchorId}/file`} name={`anchor-${a.anchorId}.json`} label="下载" kind={`anchor-${a.anchorId}`} what="锚点文件" />
            </td>
          </tr>
        )}
      />
      <VerifyAgainstLatest latest={anchors?.[0]} />
    </section>
  );
}
