// Who is signed in: the bearer token (kept for this tab only), and the claims the services read from it.
export interface Claims {
  readonly sub: string;
  readonly role: string;
  readonly org: string;
  readonly name?: string;
  readonly exp?: number;
}

export interface Session {
  readonly token: string;
  readonly claims: Claims;
  /** The organisation's name, when the sign-in said it. */
  readonly organisationName?: string;
}

const KEY = 'bureau.console.session';

export function claimsOf(token: string): Claims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null) return undefined;
    const { sub, role, org, name, exp } = value as Record<string, unknown>;
    if (typeof sub !== 'string' || typeof role !== 'string' || typeof org !== 'string') return undefined;
    return { sub, role, org, ...(typeof name === 'string' ? { name } : {}), ...(typeof exp === 'number' ? { exp } : {}) };
  } catch {
    return undefined;
  }
}

export function currentSession(): Session | undefined {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return undefined;
  const { token, organisationName } = JSON.parse(stored) as { token: string; organisationName?: string };
  const claims = claimsOf(token);
  if (!claims || (claims.exp !== undefined && claims.exp * 1000 < Date.now())) return undefined;
  return { token, claims, ...(organisationName ? { organisationName } : {}) };
}

export function signIn(token: string, organisationName?: string): Session | undefined {
  sessionStorage.setItem(KEY, JSON.stringify({ token, organisationName }));
  return currentSession();
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}
