// The first page after signing in: the areas this role works in.
import { areaRoles, roleNames, worksIn } from '../roles.js';
import type { Session } from '../session.js';

const areas = [
  { area: 'hotline', href: '#/hotline', title: '12345 工单', what: '待办工单按时限排列，签收、答复、申请退单或延期；死信与月度指标' },
  { area: 'intake', href: '#/intake', title: '法律援助受理', what: '受理申请、打印回执，待办清单（绿色通道优先），审查、审批、指派' },
  { area: 'audit', href: '#/audit', title: '案件审计', what: '查看案件历史：逐条查看每个事件后的状态，比较两个时点，哈希链校验' },
] as const;

export function HomePage(props: { session: Session }) {
  const { claims, organisationName } = props.session;
  const mine = areas.filter((a) => worksIn(a.area, claims.role));
  return (
    <section class="page">
      <h1>您好{claims.name ? `，${claims.name}` : ''}</h1>
      <p class="lead">
        {organisationName ?? claims.org} · {roleNames[claims.role] ?? claims.role}
      </p>
      {mine.length === 0 ? (
        <p class="problem" role="alert">
          工作台目前没有属于您岗位（{roleNames[claims.role] ?? claims.role}）的工作区。
        </p>
      ) : (
        <ul class="cards">
          {mine.map((a) => (
            <li key={a.area}>
              <a class="card" href={a.href}>
                <strong>{a.title}</strong>
                <span>{a.what}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <p class="muted">可用工作区按岗位显示：{Object.keys(areaRoles).length} 个工作区中的 {mine.length} 个。</p>
    </section>
  );
}
