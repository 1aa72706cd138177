// What a bearer token must say about its holder. `name` is the staff member's display name:
// optional, and deliberately not copied into the Actor recorded with events.
import type { Actor } from '@bureau/event-store';
import { z } from 'zod';

export const tokenClaimsSchema = z.object({
  sub: z.string().min(1),
  role: z.string().min(1),
  org: z.string().min(1),
  name: z.string().min(1).optional(),
});

export type TokenClaims = z.output<typeof tokenClaimsSchema>;

export function actorFromClaims(claims: TokenClaims): Actor {
  return { id: claims.sub, role: claims.role, organisation: claims.org };
}
