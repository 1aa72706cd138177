// Who may call a route, and how far their reach goes. Every route a service registers declares one of
// these in its `config` (the kit refuses to start otherwise: auth/access-plugin.ts), so a new route
// cannot forget: either the roles it admits, each with the scope it works in, or why it is public.
//
// A scope is where a caller's records lie, seen from the organisation in their token:
// - `organisation`: their own organisation and what sits under it (a station, a centre, a judicial office);
// - `district`: their whole district (a district's auditor, a legal-aid office's reviewers);
// - `city`: every district, for the few roles that are named city-wide (CITY_WIDE_ROLES).
// A record outside the reach answers exactly as one that does not exist (the route's own 404), and is
// never in a list, a count or a search.

export const scopes = ['organisation', 'district', 'city'] as const;
export type Scope = (typeof scopes)[number];

/**
 * The only roles that may work across the whole city: the city's administrator (who keeps the
 * organisation registry and loads the national working-day calendar), the city's auditor, and the
 * city's statistician (市统计员: reads the city's report district by district and the services' figures,
 * closes the city's own periods; a district's close stays its district's statistician's).
 */
export const CITY_WIDE_ROLES = ['city_administrator', 'city_auditor', 'city_statistician'] as const;
export type CityWideRole = (typeof CITY_WIDE_ROLES)[number];

export type AccessRule =
  | { readonly kind: 'public'; readonly why: string }
  | { readonly kind: 'signed_in'; readonly why: string }
  | { readonly kind: 'roles'; readonly roles: Readonly<Record<string, Scope>> };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Declared by every route: `config: access({ role: scope })` or `config: publicAccess('why')`. */
    access?: AccessRule;
  }
}

export class AccessDeclarationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessDeclarationError';
  }
}

/** Route config admitting these roles, each in its scope: `{ config: access({ centre_staff: 'organisation' }) }`. */
export function access(roles: Readonly<Record<string, Scope>>): { readonly access: AccessRule } {
  const entries = Object.entries(roles);
  if (entries.length === 0) throw new AccessDeclarationError('access(): name at least one role');
  for (const [role, scope] of entries) {
    if (!scopes.includes(scope)) throw new AccessDeclarationError(`access(): ${role} has no scope ${String(scope)}`);
    if (scope === 'city' && !(CITY_WIDE_ROLES as readonly string[]).includes(role)) {
      throw new AccessDeclarationError(`access(): only the city-wide roles (${CITY_WIDE_ROLES.join(', ')}) may have the city scope, not ${role}`);
    }
  }
  return { access: { kind: 'roles', roles: { ...roles } } };
}

/** The same scope for every role named: `access(everyone(['auditor', 'administrator'], 'district'))`. */
export function everyone(roles: readonly string[], scope: Scope): Record<string, Scope> {
  return Object.fromEntries(roles.map((role) => [role, scope]));
}

/** Route config for a route anyone may call; `why` says what guards it instead (a signature, nothing to hide). */
export function publicAccess(why: string): { readonly access: AccessRule } {
  if (why.trim().length === 0) throw new AccessDeclarationError('publicAccess(): say why the route is public');
  return { access: { kind: 'public', why } };
}

/**
 * Route config for a route any signed-in caller may use, whatever their role, that reads nothing
 * owned by an organisation (the registry's names of offices, say); `why` says so. No reach is computed.
 */
export function signedIn(why: string): { readonly access: AccessRule } {
  if (why.trim().length === 0) throw new AccessDeclarationError('signedIn(): say why any signed-in caller may use the route');
  return { access: { kind: 'signed_in', why } };
}

/** The records a caller reaches: the organisations whose records they may see and change. */
export interface Reach {
  readonly scope: Scope;
  /** The organisation at the top of the reach (the caller's own, their district, or the city). */
  readonly organisationId: string;
  /**
   * Every organisation within the reach, for a list query's `owner IN (...)`; null when the reach is
   * the whole registry (a city-wide role), where no filter is needed.
   */
  readonly organisationIds: readonly string[] | null;
  /** Whether a record owned by `ownerId` lies within the reach. */
  includes(ownerId: string): boolean;
}

/** Computes reaches from the organisation registry (`@bureau/organisations` provides one). */
export interface ReachResolver {
  /** The reach of a caller from `organisationId` in `scope`; undefined when the organisation is not registered (or closed). */
  reachOf(organisationId: string, scope: Scope): Reach | undefined;
}
