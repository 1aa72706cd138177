// Turns Fastify/zod validation failures into one entry per failing field, so a client can point
// at each bad input at once instead of fixing them one round-trip at a time.
import type { FastifySchemaValidationError } from 'fastify';
import type { FieldError } from './problem.js';

function dotted(part: string, instancePath: string, extra?: string): string {
  const segments = instancePath.split('/').filter((s) => s !== '');
  if (extra !== undefined) segments.push(extra);
  return [part, ...segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))].join('.');
}

function keysOf(params: FastifySchemaValidationError['params']): string[] {
  const keys = params.keys;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}

export function fieldErrors(
  validation: readonly FastifySchemaValidationError[],
  part: string | undefined,
): FieldError[] {
  const where = part ?? 'request';
  return validation.flatMap((v): FieldError[] => {
    if (v.keyword === 'unrecognized_keys') {
      return keysOf(v.params).map((key) => ({ field: dotted(where, v.instancePath, key), rule: 'unrecognized_key', message: 'is not allowed' }));
    }
    const message = v.message ?? 'is invalid';
    // zod reports a missing value as a type error "received undefined": say what it means.
    if (v.keyword === 'invalid_type' && /received undefined$/.test(message)) {
      return [{ field: dotted(where, v.instancePath), rule: 'required', message: 'is required' }];
    }
    return [{ field: dotted(where, v.instancePath), rule: v.keyword, message }];
  });
}
