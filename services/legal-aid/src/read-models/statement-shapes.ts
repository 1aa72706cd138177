// A statement built once per shape and kept as its text, its values bound by name on each call: for a
// statement whose building and compiling costs a good share of a request (the worklist's page: six
// ranges of twenty columns each, kysely's immutable nodes copied at every step and the whole tree
// visited to compile it, about 13% of the service's CPU a page). The shape names everything that
// changes the text (which filters, which ranges, which direction); the values go in as slots, and a
// value built in as itself instead of a slot is refused when the shape is first built, so no call runs
// with another call's value. The shapes are few (a list's filters, the cursor's place, the direction):
// as many as the named statements prepared.ts keeps per connection.
import type { CompiledQuery } from 'kysely';

/** A value of the statement, by name: built into the shape in place of the value. */
class Slot {
  constructor(readonly name: string) {}
}

/** What is sent: the text and the values in the order of its parameters. */
export type Statement = Pick<CompiledQuery, 'sql' | 'parameters'>;

const shapes = new Map<string, { readonly sql: string; readonly names: readonly string[] }>();

/**
 * The statement of `shape` with `values` bound: `build` is called (once per shape) with slots in place
 * of the values, typed as the values, and may branch only on what the shape names, never on a value.
 */
export function statementOfShape<V extends Record<string, unknown>>(shape: string, values: V, build: (slots: V) => Statement): Statement {
  let kept = shapes.get(shape);
  if (kept === undefined) {
    const slots = Object.fromEntries(Object.keys(values).map((name) => [name, new Slot(name)])) as unknown as V;
    const built = build(slots);
    const names = built.parameters.map((p) => {
      if (!(p instanceof Slot)) throw new Error(`A statement of shape ${shape} holds a value that is not one of its slots.`);
      return p.name;
    });
    kept = { sql: built.sql, names };
    shapes.set(shape, kept);
  }
  return { sql: kept.sql, parameters: kept.names.map((name) => values[name]) };
}
