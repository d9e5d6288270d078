import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type NeuvoDatabase } from './create-database.js';
import { migrateToLatest } from './migrate.js';
import { preparedQuery } from './prepared-query.js';

let database: NeuvoDatabase;
beforeEach(async () => {
  database = createDatabase({ kind: 'sqlite', dataDir: ':memory:' });
  await migrateToLatest(database.db);
});
afterEach(() => database.close());

describe('preparedQuery', () => {
  it('builds once and binds each call its own values, never splicing them into the SQL', async () => {
    let builds = 0;
    const insert = preparedQuery<{ code: string; name: string }, never>((db, p) => {
      builds++;
      return db.insertInto('municipalities').values({ code: p('code'), name: p('name') });
    });
    const byCode = preparedQuery<{ code: string }, { name: string }>((db, p) => db.selectFrom('municipalities').select('name').where('code', '=', p('code')));

    await insert(database.db, { code: 'liperi', name: 'Liperi' });
    await insert(database.db, { code: "x'); drop table municipalities; --", name: 'Odd' });
    expect(builds).toBe(1);
    expect((await byCode(database.db, { code: 'liperi' })).rows).toEqual([{ name: 'Liperi' }]);
    expect((await byCode(database.db, { code: "x'); drop table municipalities; --" })).rows).toEqual([{ name: 'Odd' }]);
  });

  it('refuses a call without a value for a parameter', async () => {
    const byCode = preparedQuery<{ code: string }, { name: string }>((db, p) => db.selectFrom('municipalities').select('name').where('code', '=', p('code')));
    await expect(byCode(database.db, {} as { code: string })).rejects.toThrow('no value for parameter "code"');
  });
});
