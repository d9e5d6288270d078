import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createDatabase, type NeuvoDatabase } from '../src/adapters/persistence/create-database.js';
import { KyselyUnitOfWork } from '../src/adapters/persistence/kysely-unit-of-work.js';
import { migrateToLatest } from '../src/adapters/persistence/migrate.js';
import { seedMunicipalities } from '../src/adapters/persistence/seed.js';
import { RestRegisterSink } from '../src/adapters/register/rest-register-sink.js';
import { DEFAULT_FIELD_MAPPING } from '../src/domain/register/register-record.js';
import { OutboxDispatcher, type OutboxLogger } from '../src/jobs/outbox-dispatcher.js';
import { createRegisterHandler } from '../src/jobs/register-handlers.js';
import type { OutboxRepository } from '../src/use-cases/ports/repositories.js';
import { enqueueRegisterSync, REGISTER_CONTACT_TOPIC, type RegisterRouting } from '../src/use-cases/register/register-sync.js';
import { aNewClient } from '../test/factories/client-factory.js';
import { aNewContact } from '../test/factories/contact-factory.js';
import { aNewStaffMember } from '../test/factories/staff-member-factory.js';
import { spawnRegisterReceiver } from '../tools/register-receiver/child.js';
import { recordResult } from './results.js';

/**
 * Outbox drain rate to a local register (issue 4 target: ≥ 1,000 deliveries/s). N contacts are
 * logged (contact + its `register.contact` outbox row, 100 per transaction, untimed), then the
 * real OutboxDispatcher (batch 50, as composed) with the register handler and RestRegisterSink
 * drains them to the reference receiver (tools/register-receiver/cli.ts) in its own process, so
 * each side has a core. One delivery = claim share, read the contact, POST, audit the disclosure,
 * mark done. Per-delivery latency runs from the handler's start to its row's `markDone`.
 *
 * Environment: BENCH_OUTBOX_DELIVERIES (default 5000), BENCH_RECEIVER_DB=file (the receiver on a
 * SQLite file with synchronous=FULL, as a durable register would run; default in memory, which
 * measures our side only).
 *
 * Run: node --import tsx bench/outbox-drain.bench.ts
 */
const N = Number(process.env.BENCH_OUTBOX_DELIVERIES ?? 5000);
const WARM_UP = 300;
const TARGET_PER_SECOND = 1000;
const TOKEN = 'bench-register-token';
const SINK_ID = 'bench-api';
/** As composed (src/composition-root.ts); BENCH_OUTBOX_BATCH to try others. */
const BATCH_SIZE = Number(process.env.BENCH_OUTBOX_BATCH ?? 50);
const RECEIVER_ON_FILE = process.env.BENCH_RECEIVER_DB === 'file';
const SEQUENTIAL = process.env.BENCH_OUTBOX_SEQUENTIAL === '1';

const silent: OutboxLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const routing: RegisterRouting = { sinkIdsFor: () => [SINK_ID] };

/** `count` contacts of 50 clients, each committed with its delivery row, 100 to a transaction. */
async function logContacts(uow: KyselyUnitOfWork, count: number, now: Date): Promise<void> {
  const adviser = await uow.staff.upsert(aNewStaffMember({ municipalityCode: 'liperi' }));
  const clients = await Promise.all(Array.from({ length: 50 }, () => uow.clients.create(aNewClient({ municipalityCode: 'liperi' }), now)));
  for (let done = 0; done < count; done += 100) {
    await uow.transaction(async (tx) => {
      for (let i = done; i < Math.min(count, done + 100); i += 1) {
        const created = await tx.contacts.create(aNewContact({ clientId: clients[i % clients.length]!.id, adviserId: adviser.id, municipalityCode: 'liperi' }), adviser.id, now);
        if (!created.ok) throw new Error(`contact not created: ${created.reason}`);
        await enqueueRegisterSync(tx, routing, created.contact, 'upsert', now);
      }
    });
  }
}

/** Runs the dispatcher as `start()` does with a backlog (the next batch at once) until it is empty. */
async function drain(dispatcher: OutboxDispatcher): Promise<number> {
  let delivered = 0;
  for (;;) {
    const summary = await dispatcher.runOnce();
    if (summary.retried + summary.dead > 0) throw new Error(`outbox drain: ${summary.retried} retried, ${summary.dead} dead; the bench expects every delivery to succeed.`);
    delivered += summary.delivered;
    if (summary.delivered < BATCH_SIZE) return delivered;
  }
}

async function measure(label: string, database: NeuvoDatabase, receiverUrl: string): Promise<void> {
  await migrateToLatest(database.db);
  const uow = new KyselyUnitOfWork(database.db, database.dialect);
  await seedMunicipalities(uow, []);

  // Per delivery: handler start → its row marked done (the markDone of a wrapper over the real outbox).
  const started = new Map<string, number>();
  const latencies: number[] = [];
  const outbox: OutboxRepository = Object.create(uow.outbox) as OutboxRepository;
  outbox.markDone = async (id, now) => {
    await uow.outbox.markDone(id, now);
    const t = started.get(id);
    if (t !== undefined) latencies.push(performance.now() - t);
  };
  const sink = new RestRegisterSink({ baseUrl: receiverUrl, token: TOKEN });
  const handler = createRegisterHandler({ repos: uow, registers: new Map([[SINK_ID, { sink, mapping: DEFAULT_FIELD_MAPPING }]]), clock: () => new Date() });
  const dispatcher = new OutboxDispatcher({
    outbox,
    handlers: {
      [REGISTER_CONTACT_TOPIC]: (message) => {
        started.set(message.id, performance.now());
        return handler(message);
      },
    },
    clock: () => new Date(),
    random: Math.random,
    logger: silent,
    maxAttempts: 8,
    leaseMs: 60_000,
    batchSize: BATCH_SIZE,
    // As src/composition-root.ts composes it; BENCH_OUTBOX_SEQUENTIAL=1 measures one at a time.
    ...(SEQUENTIAL ? {} : { concurrentTopics: new Set([REGISTER_CONTACT_TOPIC]) }),
  });

  // Warm-up (JIT, the keep-alive connection, the prepared statements), not timed.
  await logContacts(uow, WARM_UP, new Date());
  await drain(dispatcher);
  latencies.length = 0;

  await logContacts(uow, N, new Date());
  const t0 = performance.now();
  const delivered = await drain(dispatcher);
  const seconds = (performance.now() - t0) / 1000;
  const counts = await uow.outbox.countByStatus();
  if (delivered !== N || counts.pending !== 0 || counts.dead !== 0) throw new Error(`outbox drain on ${label}: delivered ${delivered} of ${N} (${JSON.stringify(counts)}).`);

  latencies.sort((a, b) => a - b);
  const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  const rate = N / seconds;
  const mode = SEQUENTIAL ? 'one at a time' : `batch of ${BATCH_SIZE} at once`;
  const scenario = `outbox drain to the reference receiver (${RECEIVER_ON_FILE ? 'SQLite file' : 'in memory'}) on ${label}, ${mode}`;
  console.log(
    `${scenario}: ${N} deliveries in ${seconds.toFixed(2)} s = ${rate.toFixed(0)}/s (target ≥ ${TARGET_PER_SECOND}/s${rate >= TARGET_PER_SECOND ? ', met' : ', MISSED'}); ` +
      `per delivery p50 ${pct(0.5).toFixed(2)} ms, p99 ${pct(0.99).toFixed(2)} ms`,
  );
  recordResult({
    scenario,
    deliveriesPerSecond: Math.round(rate),
    p50Ms: Number(pct(0.5).toFixed(2)),
    p99Ms: Number(pct(0.99).toFixed(2)),
    deliveries: N,
    batchSize: BATCH_SIZE,
  });
}

const dir = mkdtempSync(join(tmpdir(), 'neuvo-bench-outbox-'));
const receiver = await spawnRegisterReceiver({ token: TOKEN, ...(RECEIVER_ON_FILE ? { dbFile: join(dir, 'register.db') } : {}) });
try {
  const sqlite = createDatabase({ kind: 'sqlite', dataDir: join(dir, 'neuvo') });
  try {
    await measure('SQLite', sqlite, receiver.url);
  } finally {
    await sqlite.close();
  }

  const url = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `neuvo_bench_outbox_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    const postgres = createDatabase({ kind: 'postgres', url, schema });
    try {
      await measure('PostgreSQL', postgres, receiver.url);
    } finally {
      await postgres.close();
    }
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
} finally {
  await receiver.stop();
  rmSync(dir, { recursive: true, force: true });
}
