// How much of a table a statement really looked at: captured statements are run again under EXPLAIN
// ANALYZE (in a transaction rolled back) and the rows their scans produced or filtered away are summed.
// Used to show that a statement's cost follows its batch, not the size of a backlog, whatever the
// planner's statistics say.
import type { CompiledQuery, LogEvent } from 'kysely';
import type pg from 'pg';

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Actual Rows': number;
  readonly 'Actual Loops': number;
  readonly 'Rows Removed by Filter'?: number;
  readonly Plans?: readonly PlanNode[];
}

/** The rows a plan's table and index scans produced or filtered away, over all their loops. */
function rowsVisited(node: PlanNode): number {
  const scan = /Scan$/.test(node['Node Type']) && node['Node Type'] !== 'Function Scan';
  const own = scan ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'] : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsVisited(child), 0);
}

/** A Kysely `log` option that keeps every statement run, and the list it keeps them in. */
export function statementCapture(): { readonly statements: CompiledQuery[]; readonly log: (event: LogEvent) => void } {
  const statements: CompiledQuery[] = [];
  return {
    statements,
    log: (event) => {
      if (event.level === 'query') statements.push(event.query);
    },
  };
}

/** Runs the statement again under EXPLAIN ANALYZE, changes rolled back; returns the rows its scans visited. */
export async function rowsVisitedBy(pool: pg.Pool, query: CompiledQuery): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`, [...query.parameters]);
    return rowsVisited((rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

/** A statement's first words, to name it in an assertion. */
export const statementName = (query: CompiledQuery): string => `${query.sql.replace(/\s+/g, ' ').trim().slice(0, 60)}…`;
