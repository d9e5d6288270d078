import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDatabase, SQLITE_FILE_NAME } from './create-database.js';
import { startSqliteCheckpointer, type CheckpointResult } from './sqlite-checkpointer.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'neuvo-checkpoint-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const until = async <T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

it('moves the WAL into the database file on its own thread while the writer never checkpoints', async () => {
  const file = join(folder, 'db.sqlite');
  const writer = new SQLite(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec('create table t (id integer primary key, body text not null)');
  const insert = writer.prepare('insert into t (body) values (?)');
  writer.transaction(() => {
    for (let i = 0; i < 5000; i++) insert.run('x'.repeat(200));
  })();
  const before = (await stat(file)).size;
  expect((await stat(`${file}-wal`)).size).toBeGreaterThan(1_000_000);

  const results: CheckpointResult[] = [];
  const checkpointer = startSqliteCheckpointer({ file, intervalMs: 20, onCheckpoint: (r) => results.push(r) });
  const done = await until(() => results.find((r) => r.log > 0 && r.checkpointed === r.log));
  await checkpointer.stop();
  await checkpointer.stop();

  expect(done.busy).toBe(0);
  // The rows now live in the database file itself, not only in the WAL.
  expect((await stat(file)).size).toBeGreaterThan(before + 1_000_000);
  expect(writer.prepare('select count(*) as n from t').get()).toEqual({ n: 5000 });
  writer.close();
});

it('reports a file it cannot open instead of throwing into the app', async () => {
  const errors: string[] = [];
  const checkpointer = startSqliteCheckpointer({ file: join(folder, 'missing.sqlite'), intervalMs: 20, onError: (m) => errors.push(m) });
  await until(() => (errors.length > 0 ? errors : undefined));
  await checkpointer.stop();
  expect(errors[0]).toMatch(/unable to open|does not exist|SQLITE_CANTOPEN|directory does not exist/i);
});

it('createDatabase with checkpointInBackground turns the writer’s automatic checkpoint off and keeps every write across close and reopen', async () => {
  const database = createDatabase({ kind: 'sqlite', dataDir: folder, checkpointInBackground: true });
  await sql`create table t (id integer primary key, body text not null)`.execute(database.db);
  for (let i = 0; i < 200; i++) await sql`insert into t (body) values (${'y'.repeat(500)})`.execute(database.db);
  await database.close();
  await database.close();

  const reopened = new SQLite(join(folder, SQLITE_FILE_NAME));
  expect(reopened.prepare('select count(*) as n from t').get()).toEqual({ n: 200 });
  reopened.close();
  const plain = createDatabase({ kind: 'sqlite', dataDir: folder });
  const [{ wal_autocheckpoint: automatic }] = (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(plain.db)).rows as [{ wal_autocheckpoint: number }];
  expect(automatic).toBe(1000);
  await plain.close();
});
