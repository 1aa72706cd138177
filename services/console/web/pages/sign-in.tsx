// 登录. In development: pick a demo user (a role at an organisation of the demo city). In production: the
// bureau's identity provider (OpenID Connect, authorization code with PKCE; oidc.ts).
import { useEffect, useState } from 'preact/hooks';
import { claimsOf, signIn, type Session } from '../session.js';
import { finishOidcSignIn, startOidcSignIn, type OidcSettings } from '../oidc.js';

interface DemoUser {
  role: string;
  roleName: string;
  organisationId: string;
  organisationName: string;
  districtName: string;
}

interface ConsoleConfig {
  development: boolean;
  oidc?: OidcSettings;
}

/**
 * The name of the token's organisation, from the registry (the hotline service keeps it; anyone signed in
 * reads it): the provider's token says only its id. Undefined when the registry cannot be read, and the
 * page shows the id.
 */
async function organisationNameFor(token: string): Promise<string | undefined> {
  const org = claimsOf(token)?.org;
  try {
    const response = await fetch('/api/hotline/organisations', { headers: { authorization: `Bearer ${token}` } });
    if (!org || !response.ok) return undefined;
    const { items } = (await response.json()) as { items: Array<{ id: string; name: string }> };
    return items.find((o) => o.id === org)?.name;
  } catch {
    return undefined;
  }
}

export function SignInPage(props: { onSignedIn: (session: Session) => void }) {
  const [config, setConfig] = useState<ConsoleConfig | undefined>();
  const [users, setUsers] = useState<DemoUser[]>([]);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    void (async () => {
      const loaded = (await (await fetch('/console-config.json')).json()) as ConsoleConfig;
      setConfig(loaded);
      if (loaded.oidc) {
        const finished = await finishOidcSignIn(loaded.oidc).catch((e: unknown) => {
          setError(`统一身份认证登录未完成：${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        });
        if (finished) {
          const session = signIn(finished, await organisationNameFor(finished));
          if (session) props.onSignedIn(session);
          return;
        }
      }
      if (loaded.development) setUsers(((await (await fetch('/dev/users')).json()) as { users: DemoUser[] }).users);
    })();
  }, []);

  const pick = async (user: DemoUser) => {
    const response = await fetch('/dev/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: user.role, organisationId: user.organisationId }) });
    if (!response.ok) return setError('登录失败，请再试一次。');
    const { token } = (await response.json()) as { token: string };
    const session = signIn(token, user.organisationName);
    if (session) props.onSignedIn(session);
  };

  const districts = [...new Set(users.map((u) => u.districtName))];
  return (
    <main class="sign-in">
      <h1>公共法律服务工作台</h1>
      {error && (
        <p class="problem" role="alert">
          {error}
        </p>
      )}
      {config?.oidc && (
        <p>
          <button type="button" class="primary" onClick={() => config.oidc && void startOidcSignIn(config.oidc)}>
            统一身份认证登录
          </button>
        </p>
      )}
      {config?.development && (
        <>
          <p class="lead">开发环境：选择一位演示用户登录（演示城市：广州市花都区、白云区）。</p>
          <div class="demo-users">
            {districts.map((district) => (
              <section key={district} aria-label={district}>
                <h2>{district}</h2>
                <ul>
                  {users
                    .filter((u) => u.districtName === district)
                    .map((u) => (
                      <li key={`${u.role}@${u.organisationId}`}>
                        <button type="button" data-user={`${u.role}@${u.organisationId}`} onClick={() => void pick(u)}>
                          <span>{u.organisationName}</span>
                          <strong>{u.roleName}</strong>
                        </button>
                      </li>
                    ))}
                </ul>
              </section>
            ))}
          </div>
        </>
      )}
      {config && !config.development && !config.oidc && <p class="problem">未配置登录方式，请联系系统管理员。</p>}
    </main>
  );
}
