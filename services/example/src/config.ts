// The only file that reads process.env: parsed once at start, frozen, fails fast listing every bad variable.
import { parseConfig, serviceConfigSchema } from '@bureau/service-kit';
import { z } from 'zod';

export const exampleConfigSchema = serviceConfigSchema({
  PORT: z.coerce.number().int().min(0).max(65535).default(3100),
});

export type ExampleConfig = z.output<typeof exampleConfigSchema>;

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Readonly<ExampleConfig> {
  return parseConfig(exampleConfigSchema, env);
}
