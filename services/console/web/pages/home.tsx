// The first page after signing in: the areas this role works in.
import { areas, worksIn } from '../areas/index.js';
import { roleNames } from '../roles.js';
import type { Session } from '../session.js';

export function HomePage(props: { session: Session }) {
  const { claims, organisationName } = props.session;
  const mine = areas.filter((a) => worksIn(a, claims.role));
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
            <li key={a.name}>
              <a class="card" href={a.href}>
                <strong>{a.title}</strong>
                <span>{a.what}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <p class="muted">可用工作区按岗位显示：{areas.length} 个工作区中的 {mine.length} 个。</p>
    </section>
  );
}
