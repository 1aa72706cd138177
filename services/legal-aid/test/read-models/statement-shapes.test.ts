// A statement built once per shape: its values bound by name on every call, and a value built in as
// itself (not a slot) refused, so no call could run with another call's value.
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import t from 'tap';
import { statementOfShape } from '../../src/read-models/statement-shapes.js';

const db = new Kysely<any>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() },
});

t.test('the text is built once per shape; each call binds its own values, by name', async (t) => {
  let built = 0;
  const page = (organisation: string, limit: number) =>
    statementOfShape('test-page', { organisation, limit }, (v) => {
      built += 1;
      return db.selectFrom('legal_aid_worklist').select('case_id').where('organisation', '=', v.organisation).limit(v.limit).compile();
    });
  const first = page('huadu-station-xinhua', 51);
  const second = page('baiyun-station-jingtai', 21);
  t.equal(built, 1, 'built once');
  t.equal(second.sql, first.sql);
  t.same(first.parameters, ['huadu-station-xinhua', 51]);
  t.same(second.parameters, ['baiyun-station-jingtai', 21]);
});

t.test('a value built in as itself is refused when the shape is built', async (t) => {
  t.throws(() => statementOfShape('test-baked', { organisation: 'huadu-station-xinhua' }, (v) =>
    sql`SELECT 1 FROM legal_aid_worklist WHERE organisation = ${v.organisation} AND place = ${1}`.compile(db)), /not one of its slots/);
  t.same(statementOfShape('test-literal', { organisation: 'x' }, (v) => sql`SELECT 1 WHERE ${v.organisation} <> '' AND 1 = ${sql.lit(1)}`.compile(db)).parameters, ['x'], 'a constant as a literal is the shape\'s');
});
