// A statement run as a named (prepared) one: PostgreSQL parses and plans it once per connection and then
// only binds and runs it, where an unnamed statement is planned on every call. For a statement whose
// plan costs as much as its run (the worklist's page: six index ranges in a union). The name is the
// text's digest, so each shape of the statement (which ranges, which filters) is prepared once; the
// shapes are few (the cursor's place and the list's filters), so a connection keeps a handful. The
// digest is taken once per text (statement-shapes.ts hands the same text back for a shape).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Statement } from './statement-shapes.js';

const names = new Map<string, string>();
const nameOf = (text: string) => names.get(text) ?? names.set(text, `legal_aid_${createHash('sha1').update(text).digest('hex').slice(0, 32)}`).get(text)!;

export async function queryPrepared<R extends object>(pool: pg.Pool, query: Statement): Promise<R[]> {
  const name = nameOf(query.sql);
  const { rows } = await pool.query<R & pg.QueryResultRow>({ name, text: query.sql, values: [...query.parameters] });
  return rows;
}
