// 开发环境登录: in development only, a demo user per role and organisation of the demo city, each signed
// with the development secret as `npm start`'s tokens are (the claims the kit reads: sub, role, org, name).
// Never registered in production (config.ts refuses it).
import { createHmac } from 'node:crypto';
import { DEMO_CITY } from '@bureau/organisations';
import { HttpProblem, problemTypes, publicAccess, type App } from '@bureau/service-kit';
import { z } from 'zod';
import { roleNames, rolesAtKind } from '../../web/roles.js';

const TOKEN_SECONDS = 12 * 3600;

export interface DemoUser {
  readonly role: string;
  readonly roleName: string;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly districtName: string;
}

/** Every role at every organisation of the demo city where that role works. */
export function demoUsers(): DemoUser[] {
  const byId = new Map(DEMO_CITY.map(([id, kind, name, parentId]) => [id, { kind, name, parentId }]));
  const districtName = (id: string | null): string => {
    for (let at = id; at; at = byId.get(at)?.parentId ?? null) {
      const org = byId.get(at);
      if (org?.kind === 'district' || org?.kind === 'city') return org.name;
    }
    return '';
  };
  return DEMO_CITY.flatMap(([id, kind, name]) =>
    (rolesAtKind[kind] ?? []).map((role) => ({ role, roleName: roleNames[role] ?? role, organisationId: id, organisationName: name, districtName: districtName(id) })),
  );
}

function signToken(secret: string, claims: Record<string, unknown>): { token: string; expiresAt: string } {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + TOKEN_SECONDS;
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, iat, exp })}`;
  return { token: `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`, expiresAt: new Date(exp * 1000).toISOString() };
}

const signInBody = z.object({ role: z.string().min(1), organisationId: z.string().min(1) });

export async function devSignInRoutes(app: App, options: { readonly jwtSecret: string }) {
  const users = demoUsers();
  const why = publicAccess('development only: the demo city\'s users, never registered in production');
  app.get('/dev/users', { config: why }, async () => ({ users }));
  app.post('/dev/sign-in', { config: why, schema: { body: signInBody } }, async (request) => {
    const { role, organisationId } = request.body;
    const user = users.find((u) => u.role === role && u.organisationId === organisationId);
    if (!user) {
      throw new HttpProblem(400, 'Bad Request', problemTypes.validation, `the demo city has no ${role} at ${organisationId}`, {
        errors: [{ field: 'body.role', rule: 'demo_user', message: 'a role that works at this organisation of the demo city' }],
      });
    }
    const sub = `demo-${role}-${organisationId}`;
    return { ...signToken(options.jwtSecret, { sub, role, org: organisationId, name: `${user.organisationName}${user.roleName}` }), user };
  });
}
