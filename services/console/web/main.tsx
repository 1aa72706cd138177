// The console: sign in, then the areas the person's role works in.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { onSignedOut } from './api.js';
import { areas, worksIn } from './areas/index.js';
import { HomePage } from './pages/home.js';
import { NotYours } from './pages/not-yours.js';
import { SignInPage } from './pages/sign-in.js';
import { roleNames } from './roles.js';
import { go, match, usePath } from './router.js';
import { currentSession, signOut, type Session } from './session.js';

function Page(props: { path: string; session: Session }) {
  const { path, session } = props;
  if (path === '/' || path === '') return <HomePage session={session} />;
  for (const area of areas) {
    for (const page of area.pages) {
      const params = match(page.pattern, path);
      if (params) return worksIn(area, session.claims.role) ? page.render(params, { path, session }) : <NotYours />;
    }
  }
  return (
    <section class="page">
      <h1>没有这个页面</h1>
      <p>
        <a href="#/">回到首页</a>
      </p>
    </section>
  );
}

function Header(props: { session: Session; onSignOut: () => void }) {
  const { claims, organisationName } = props.session;
  const role = claims.role;
  return (
    <header class="top">
      <a class="brand" href="#/">
        公共法律服务工作台
      </a>
      <nav aria-label="工作区">
        {areas
          .filter((area) => worksIn(area, role))
          .map((area) => (
            <a key={area.name} href={area.href}>
              {area.title}
            </a>
          ))}
      </nav>
      <span class="who">
        {organisationName ?? claims.org} · {roleNames[role] ?? role}
      </span>
      <button type="button" class="quiet" onClick={props.onSignOut}>
        退出
      </button>
    </header>
  );
}

function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | undefined>(currentSession);
  useEffect(() => onSignedOut(() => setSession(undefined)), []);
  if (!session || path === '/sign-in') {
    return (
      <SignInPage
        onSignedIn={(next) => {
          setSession(next);
          if (path === '/sign-in') go('/');
        }}
      />
    );
  }
  return (
    <>
      <Header
        session={session}
        onSignOut={() => {
          signOut();
          setSession(undefined);
          go('/');
        }}
      />
      <main>
        <Page path={path} session={session} />
      </main>
    </>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
