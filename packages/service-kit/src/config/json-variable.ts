// Some settings are structured (a platform list, a limit per district): they arrive as one environment
// variable holding JSON, parsed and then checked with the setting's own schema, so a typo is a config
// error naming the variable, not a crash at first use.
import { z } from 'zod';

/** A JSON-valued variable, parsed then checked with `schema`. */
export const jsonVariable = <S extends z.ZodType>(schema: S) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        const value: unknown = JSON.parse(text);
        return value;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
