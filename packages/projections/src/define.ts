// What a projection is: a named, versioned handler that turns batches of events into rows of its own
// read-model tables. The engine owns where those tables physically live (one set per generation).
import type { AllFilter, RecordedEvent } from '@bureau/event-store';
import type { Kysely } from 'kysely';

/** Logical table name → the physical table of the generation being written (e.g. worklist → worklist_g3). */
export type TableNames<Table extends string = string> = { readonly [K in Table]: string };

/** The read-model database as handlers and migrations see it: table names are resolved at run time. */
export type ReadModelDb = Kysely<any>;
/** The batch's transaction (or a migration's): a connection on which the engine has begun it. */
export type ReadModelTransaction = Kysely<any>;

export interface ProjectionDefinition<Table extends string = string> {
  /** Stable identifier, e.g. `hotline_worklist`; also the advisory-lock and checkpoint key. */
  readonly name: string;
  /** Bump when the handler's meaning changes: the engine then rebuilds into new tables (blue/green). */
  readonly version: number;
  /** Which events to receive: by event type prefix, or by stream category. One of the two. */
  readonly eventTypes?: readonly string[];
  readonly streamCategories?: readonly string[];
  /** Logical table names; queries use them as views, handlers write the physical names they are given. */
  readonly tables: readonly Table[];
  /** PostgreSQL schema for the views and physical tables; default `public`. */
  readonly schema?: string;
  /** Creates this generation's tables (and indexes) under the names given. Runs in a transaction. */
  migrate(db: ReadModelTransaction, tables: TableNames<Table>): Promise<void>;
  /**
   * Applies a batch of events, in global order, inside the transaction that also moves the checkpoint.
   * Throw to reject the batch: the engine retries, narrows it down to the event at fault and parks.
   */
  handle(trx: ReadModelTransaction, events: readonly RecordedEvent[], tables: TableNames<Table>): Promise<void>;
}

export interface Projection<Table extends string = string> extends ProjectionDefinition<Table> {
  readonly schema: string;
  readonly filter: AllFilter | undefined;
}

const NAME = /^[a-z][a-z0-9_]{0,39}$/;

export class InvalidProjectionError extends Error {
  readonly code = 'invalid_projection';
  constructor(
    readonly projection: string,
    readonly rule: string,
  ) {
    super(`projection ${projection}: ${rule}`);
    this.name = 'InvalidProjectionError';
  }
}

/** Validates a definition once, at start, so a typo fails loudly instead of projecting nothing. */
export function defineProjection<const Table extends string>(definition: ProjectionDefinition<Table>): Projection<Table> {
  const { name, version, eventTypes, streamCategories, tables } = definition;
  const fail = (rule: string): never => {
    throw new InvalidProjectionError(String(name), rule);
  };
  if (!NAME.test(name)) fail('name must be lower_snake_case, at most 40 characters');
  if (!Number.isInteger(version) || version < 1) fail('version must be a positive integer');
  if (eventTypes && streamCategories) fail('give eventTypes or streamCategories, not both');
  if (eventTypes?.length === 0 || streamCategories?.length === 0) fail('an empty filter would receive nothing');
  if (tables.length === 0) fail('declare at least one table');
  // Physical names get a `_g<generation>` suffix; PostgreSQL identifiers stop at 63 bytes.
  for (const table of tables) if (!NAME.test(table)) fail(`table ${table} must be lower_snake_case, at most 40 characters`);
  if (new Set(tables).size !== tables.length) fail('tables must be distinct');
  const schema = definition.schema ?? 'public';
  if (!NAME.test(schema)) fail('schema must be lower_snake_case');
  const filter: AllFilter | undefined = eventTypes
    ? { eventTypePrefixes: eventTypes }
    : streamCategories
      ? { streamCategories }
      : undefined;
  return { ...definition, schema, filter };
}

/** A generation's table, unqualified: `<table>_g<generation>`. */
export function physicalName(table: string, generation: number): string {
  return `${table}_g${generation}`;
}

/** The physical tables of one generation, schema-qualified (`public.worklist_g3`), as handlers get them. */
export function generationTables<Table extends string>(projection: Projection<Table>, generation: number): TableNames<Table> {
  const names: Partial<Record<Table, string>> = {};
  for (const table of projection.tables) names[table] = `${projection.schema}.${physicalName(table, generation)}`;
  return names as TableNames<Table>;
}
