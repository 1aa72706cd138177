// Sign-in with the bureau's identity provider: OpenID Connect's authorization code flow with PKCE, as a
// public client (the console keeps no secret). The provider's endpoints come from its discovery document;
// the token it issues is the bearer token every service verifies against the provider's JWKS.
export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

const PENDING = 'bureau.console.oidc';

async function discover(settings: OidcSettings): Promise<Discovery> {
  const response = await fetch(`${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`the identity provider's discovery document answered ${response.status}`);
  return (await response.json()) as Discovery;
}

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomText = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${location.origin}/`;

export async function startOidcSignIn(settings: OidcSettings): Promise<void> {
  const { authorization_endpoint } = await discover(settings);
  const verifier = randomText();
  const state = randomText();
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: settings.clientId, redirect_uri: redirectUri(), scope: 'openid profile',
    code_challenge: challenge, code_challenge_method: 'S256', state,
  }).toString();
  location.assign(url.toString());
}

/** On the way back from the provider (`?code=&state=`): the token, or undefined when this is not that. */
export async function finishOidcSignIn(settings: OidcSettings): Promise<string | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const pending = sessionStorage.getItem(PENDING);
  if (!code || !pending) return undefined;
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  const { verifier, state } = JSON.parse(pending) as { verifier: string; state: string };
  if (params.get('state') !== state) throw new Error('the answer does not belong to this sign-in (state)');
  const { token_endpoint } = await discover(settings);
  const response = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), client_id: settings.clientId, code_verifier: verifier }).toString(),
  });
  if (!response.ok) throw new Error(`the identity provider refused the code (${response.status})`);
  const { access_token } = (await response.json()) as { access_token?: string };
  if (!access_token) throw new Error('the identity provider sent no access token');
  return access_token;
}
