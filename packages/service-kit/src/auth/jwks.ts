// The bureau's identity provider (OpenID Connect) signs staff tokens with keys it publishes as a JWKS.
// Keys are fetched once and cached by key id; a token naming a key not seen yet (the provider rotated
// its keys) fetches the set again, at most once every `refetchAfterMs`, so a flood of tokens with made-up
// key ids cannot turn into a flood of requests to the provider.
import { createPublicKey, type JsonWebKey } from 'node:crypto';

export interface OidcOptions {
  /** The provider's issuer URL, checked against each token's `iss`. */
  readonly issuer: string;
  /** This platform's client id / audience, which each token's `aud` must contain. */
  readonly audience: string;
  /** Where the keys are; default: `jwks_uri` of the issuer's /.well-known/openid-configuration. */
  readonly jwksUrl?: string;
  readonly refetchAfterMs?: number;
  readonly timeoutMs?: number;
}

export class JwksKeys {
  #keys = new Map<string, string>();
  #fetchedAt = 0;
  #fetching: Promise<void> | undefined;

  constructor(private readonly options: OidcOptions) {}

  /** The public key (PEM) with this id; throws when the provider publishes none by that id. */
  async keyFor(kid: string): Promise<string> {
    const known = this.#keys.get(kid);
    if (known) return known;
    if (this.#fetchedAt === 0 || Date.now() - this.#fetchedAt >= (this.options.refetchAfterMs ?? 30_000)) {
      this.#fetching ??= this.#fetch().finally(() => {
        this.#fetching = undefined;
      });
      await this.#fetching;
    }
    const fetched = this.#keys.get(kid);
    if (!fetched) throw new Error(`the identity provider publishes no key ${kid}`);
    return fetched;
  }

  async #fetch(): Promise<void> {
    this.#fetchedAt = Date.now();
    const url = this.options.jwksUrl ?? (await this.#discover());
    const body = await this.#getJson(url);
    const keys = typeof body === 'object' && body !== null && 'keys' in body && Array.isArray(body.keys) ? body.keys : [];
    const next = new Map<string, string>();
    for (const jwk of keys as JsonWebKey[]) {
      if (typeof jwk.kid !== 'string' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
      try {
        next.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }).export({ format: 'pem', type: 'spki' }).toString());
      } catch {
        // A key of a kind this platform does not take: tokens naming it are refused.
      }
    }
    this.#keys = next;
  }

  async #discover(): Promise<string> {
    const config = await this.#getJson(new URL('.well-known/openid-configuration', this.options.issuer.replace(/\/?$/, '/')).toString());
    const jwksUri = typeof config === 'object' && config !== null && 'jwks_uri' in config ? config.jwks_uri : undefined;
    if (typeof jwksUri !== 'string') throw new Error('the identity provider names no jwks_uri');
    return jwksUri;
  }

  async #getJson(url: string): Promise<unknown> {
    const response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000) });
    if (!response.ok) throw new Error(`the identity provider answered ${response.status}`);
    return response.json();
  }
}

/** The provider's own claims of a token: its issuer, and an audience that includes this platform. */
export function issuedFor(payload: unknown, options: OidcOptions): boolean {
  if (typeof payload !== 'object' || payload === null) return false;
  const { iss, aud } = payload as { iss?: unknown; aud?: unknown };
  const audiences = Array.isArray(aud) ? aud : [aud];
  return iss === options.issuer && audiences.includes(options.audience);
}
