import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createDatabase } from '../src/adapters/persistence/create-database.js';
import { KyselyUnitOfWork } from '../src/adapters/persistence/kysely-unit-of-work.js';
import { migrateToLatest } from '../src/adapters/persistence/migrate.js';
import { recordResult } from './results.js';

/**
 * Single-row writes per second of the redelivery record (one per inbound activity), on SQLite
 * (WAL, synchronous=FULL: one fsync per commit; one writer, then 10 at a time sharing commits) and
 * PostgreSQL (pool of 10, 10 writers at a time).
 * DESIGN.md measured ≈ 3.4k/s and ≈ 8k/s for plain single-row transactions on this machine size.
 */
const N = Number(process.env.BENCH_WRITES ?? 5000);

async function measure(label: string, uow: KyselyUnitOfWork, concurrency: number): Promise<void> {
  const now = new Date();
  const expires = new Date(now.getTime() + 86_400_000);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < N) await uow.processedActivities.markProcessed(`bench|${label}|${next++}`, now, expires);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  console.log(`dedupe writes on ${label}: ${N} in ${seconds.toFixed(2)} s = ${(N / seconds).toFixed(0)}/s`);
  recordResult({ scenario: `dedupe writes on ${label}`, writesPerSecond: Math.round(N / seconds), concurrency });
}

const dir = mkdtempSync(join(tmpdir(), 'neuvo-bench-'));
const sqlite = createDatabase({ kind: 'sqlite', dataDir: dir });
await migrateToLatest(sqlite.db);
await measure('SQLite', new KyselyUnitOfWork(sqlite.db, sqlite.dialect), 1);
// 10 writers at a time, as concurrent turns write: they share commits (group commit, ADR 8).
await measure('SQLite, 10 at a time', new KyselyUnitOfWork(sqlite.db, sqlite.dialect), 10);
await sqlite.close();
rmSync(dir, { recursive: true, force: true });

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `neuvo_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`create schema ${schema}`);
try {
  const postgres = createDatabase({ kind: 'postgres', url, schema });
  await migrateToLatest(postgres.db);
  await measure('PostgreSQL', new KyselyUnitOfWork(postgres.db, postgres.dialect), 10);
  await postgres.close();
} finally {
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
}
