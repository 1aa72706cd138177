// 运行状态: each service's readiness (its dependencies, and what it warns of) and the status and lag of
// its read models (projections), one table per service. A service without a projection route says so.
import { call, type Answer, type Service } from '../../api.js';
import { Loading, ProblemNote, useLoad, when } from '../../ui.js';
import { AdminNav } from './nav.js';
import { projectionStates, serviceNames } from './words.js';

interface ProjectionStatus {
  name: string;
  status: string;
  version: number;
  checkpoint: string | null;
  eventsBehind: number;
  eventsBehindCapped: boolean;
  secondsBehind: number;
  standbys: number;
  parked: { event: { type: string; streamName: string }; error: string; at: string } | null;
  rebuild: { eventsApplied: number } | null;
}
interface Readiness {
  status: string;
  checks?: Record<string, 'up' | 'down'>;
  warnings?: Record<string, string>;
}

/** The services with read models the administrators watch, and whether they answer GET /projections. */
const watched: ReadonlyArray<{ service: Service; projections: boolean }> = [
  { service: 'hotline', projections: true },
  { service: 'legal-aid', projections: true },
  { service: 'advisors', projections: true },
  { service: 'audit', projections: false },
  { service: 'reports', projections: true },
];

const chinese = (text: string) => text.split(' / ')[0] ?? text;

interface Watched {
  readonly service: Service;
  readonly ready: Answer<Readiness>;
  readonly projections: Answer<{ projections: ProjectionStatus[] }> | undefined;
}

/** Every service at once, shown together: sections arriving one by one would push each other down. */
async function watch(): Promise<Answer<Watched[]>> {
  const all = await Promise.all(
    watched.map(async (w) => {
      const [ready, projections] = await Promise.all([call<Readiness>(w.service, '/readyz'), w.projections ? call<{ projections: ProjectionStatus[] }>(w.service, '/projections') : undefined]);
      return { service: w.service, ready, projections };
    }),
  );
  return { ok: true, status: 200, body: all, headers: new Headers() };
}

function ServiceStatus(props: Watched) {
  const { ready, projections } = props;
  const readiness = ready.ok ? ready.body : undefined;
  return (
    <section class="service-status" data-service={props.service} aria-labelledby={`svc-${props.service}`}>
      <h2 id={`svc-${props.service}`}>
        {serviceNames[props.service]}
        <span class={`badge ${readiness ? 'ok' : 'bad'}`} data-fact="ready">
          {readiness ? '就绪' : !ready.ok && ready.problem.status === 503 ? '不可用' : '未就绪'}
        </span>
      </h2>
      {readiness?.checks && (
        <p class="muted">
          {Object.entries(readiness.checks).map(([name, up]) => `${name}：${up === 'up' ? '正常' : '无应答'}`).join('；')}
        </p>
      )}
      {readiness?.warnings && Object.entries(readiness.warnings).map(([name, text]) => <p key={name} class="warning">{chinese(text)}</p>)}
      {projections && !projections.ok && <ProblemNote problem={projections.problem} what="读模型状态" />}
      {projections?.ok && (
        <table class="list projections">
          <colgroup><col style="width: 22%" /><col style="width: 18%" /><col style="width: 15%" /><col style="width: 13%" /><col style="width: 12%" /><col style="width: 20%" /></colgroup>
          <thead>
            <tr><th scope="col">读模型</th><th scope="col">状态</th><th scope="col">已处理至</th><th scope="col">待处理事件</th><th scope="col">滞后</th><th scope="col">暂停的事件</th></tr>
          </thead>
          <tbody>
            {projections.body.projections.map((p) => (
              <tr key={p.name} data-projection={p.name} class={p.parked ? 'overdue' : ''}>
                <td><code>{p.name}</code> v{p.version}</td>
                <td data-fact="status">{projectionStates[p.status] ?? p.status}{p.rebuild ? `（已重放 ${p.rebuild.eventsApplied} 条）` : ''}</td>
                <td>{p.checkpoint ? <code>{p.checkpoint}</code> : '尚无事件'}</td>
                <td data-fact="behind">{p.eventsBehind}{p.eventsBehindCapped ? '+' : ''}</td>
                <td>{p.secondsBehind > 0 ? `${Math.round(p.secondsBehind)} 秒` : '已追平'}</td>
                <td>{p.parked ? `${p.parked.event.type}（${when(p.parked.at)}）` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!projections && <p class="muted">该服务不维护读模型（直接读取事件库），仅显示就绪情况。</p>}
    </section>
  );
}

export function ProjectionsPage() {
  const { loaded, reload } = useLoad(watch, 'projections');
  return (
    <section class="page">
      <div class="page-head">
        <h1>运行状态</h1>
        <button type="button" onClick={() => void reload()}>刷新</button>
        <AdminNav current="#/admin/projections" />
      </div>
      <p class="lead">各服务是否就绪、读模型（清单与统计所依据的数据）处理到哪里、滞后多少。读模型暂停时，清单不再更新，请联系运维人员。</p>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'ok' && loaded.data.map((w) => <ServiceStatus key={w.service} {...w} />)}

    </section>
  );
}
