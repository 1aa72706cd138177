// STYLE.md: the domain imports nothing from fastify, kysely, pg, the event-store client or pino; time, ids
// and the calendar arrive as inputs. Checked on the sources: every run-time import of src/domain is one of
// the pure packages below (type-only imports are erased and may name anything).
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const domainDir = new URL('../../src/domain/', import.meta.url).pathname;
const pure = new Set(['@bureau/working-calendar', '@bureau/durable-timers/arithmetic', '@bureau/person-schemas', '@bureau/service-kit/domain-error']);

t.test('the domain core imports only pure packages at run time, and reads no clock', async (t) => {
  const files = readdirSync(domainDir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
  t.ok(files.length > 20, 'the domain files were found');
  for (const file of files) {
    const source = readFileSync(join(domainDir, file), 'utf8');
    for (const [, specifier] of source.matchAll(/^import (?!type )[^;]*?from '([^']+)';/gms)) {
      if (specifier?.startsWith('.')) continue;
      t.ok(pure.has(specifier ?? ''), `${file} imports ${specifier}`);
    }
    t.notMatch(source, /new Date\(\)|Date\.now\(\)|process\.env|Math\.random/, `${file} reads no clock, environment or randomness`);
  }
});
