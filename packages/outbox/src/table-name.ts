// The outbox table's name is the service's (the hotline's is `hotline_outbox`), so two services'
// outboxes in one database are two tables and never share a row. It is spliced into DDL and statements
// as an identifier, hence the strict shape: lower snake case, short enough for the derived index names.
import { sql, type RawBuilder } from 'kysely';

const TABLE_NAME = /^[a-z][a-z0-9_]{0,39}$/;

export function checkTableName(table: string): string {
  if (!TABLE_NAME.test(table)) throw new RangeError(`outbox table name must be lower_snake_case, at most 40 characters, got ${JSON.stringify(table)}`);
  return table;
}

/** The table, or one of its derived names (indexes, constraints: `${table}_${suffix}`), as an identifier. */
export function named(table: string, suffix?: string): RawBuilder<unknown> {
  return sql.id(suffix === undefined ? checkTableName(table) : `${checkTableName(table)}_${suffix}`);
}
