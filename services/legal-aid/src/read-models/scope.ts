// Every list, count and search is scoped by the caller's reach: the organisations whose files they see.
import { sql, type RawBuilder } from 'kysely';

/** `column && reach` (array overlap); null reach = the whole city: no filter. An empty reach matches nothing. */
export function overlaps(column: 'parties' | 'worklist_orgs', reach: readonly string[] | null): RawBuilder<boolean> {
  if (reach === null) return sql<boolean>`true`;
  return sql<boolean>`${sql.ref(column)} && ${[...reach]}::text[]`;
}
