// The console: sign in, then the areas the person's role works in.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { onSignedOut } from './api.js';
import { CaseHistoryPage, FindCasePage } from './pages/audit/case-history.js';
import { HomePage } from './pages/home.js';
import { DeadLettersPage } from './pages/hotline/dead-letters.js';
import { HotlineFiguresPage } from './pages/hotline/figures.js';
import { OrderPage } from './pages/hotline/order.js';
import { HotlineWorklistPage } from './pages/hotline/worklist.js';
import { ApplicationFormPage } from './pages/intake/application-form.js';
import { FilePage } from './pages/intake/file.js';
import { IntakeWorklistPage } from './pages/intake/worklist.js';
import { NotYours } from './pages/not-yours.js';
import { SignInPage } from './pages/sign-in.js';
import { worksIn, roleNames, type Area } from './roles.js';
import { go, match, usePath } from './router.js';
import { currentSession, signOut, type Session } from './session.js';

function Page(props: { path: string; session: Session }) {
  const { path, session } = props;
  const role = session.claims.role;
  const area = (name: Area, page: () => preact.JSX.Element) => (worksIn(name, role) ? page() : <NotYours />);
  let params: Record<string, string> | undefined;
  if (path === '/' || path === '') return <HomePage session={session} />;
  if (match('/hotline', path)) return area('hotline', () => <HotlineWorklistPage path={path} />);
  if ((params = match('/hotline/orders/:id', path))) {
    const { id = '' } = params;
    return area('hotline', () => <OrderPage workOrderId={id} session={session} />);
  }
  if (match('/hotline/dead-letters', path)) return area('hotline', () => <DeadLettersPage />);
  if (match('/hotline/figures', path)) return area('hotline', () => <HotlineFiguresPage path={path} />);
  if (match('/intake', path)) return area('intake', () => <IntakeWorklistPage path={path} />);
  if (match('/intake/new', path)) return area('intake', () => <ApplicationFormPage session={session} />);
  if ((params = match('/intake/files/:caseId', path))) {
    const { caseId = '' } = params;
    return area('intake', () => <FilePage caseId={caseId} session={session} />);
  }
  if (match('/audit', path)) return area('audit', () => <FindCasePage />);
  if ((params = match('/audit/:kind/:caseId', path))) {
    const { kind = '', caseId = '' } = params;
    return area('audit', () => <CaseHistoryPage kind={kind} caseId={caseId} />);
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
        {worksIn('hotline', role) && <a href="#/hotline">12345 工单</a>}
        {worksIn('intake', role) && <a href="#/intake">法律援助受理</a>}
        {worksIn('audit', role) && <a href="#/audit">案件审计</a>}
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
