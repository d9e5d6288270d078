import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDatabase } from '../../src/adapters/persistence/create-database.js';
import { KyselyUnitOfWork } from '../../src/adapters/persistence/kysely-unit-of-work.js';
import { compose, type Neuvo } from '../../src/composition-root.js';
import { loadConfig } from '../../src/config/config.js';
import type { Contact } from '../../src/domain/register/contact.js';
import { correctContact } from '../../src/use-cases/register/correct-contact.js';
import { logContact, type RegisterDeps } from '../../src/use-cases/register/log-contact.js';
import type { RegisterActor } from '../../src/use-cases/register/register-access.js';
import { registerIdempotencyKey } from '../../src/use-cases/register/register-sync.js';
import { aNewClient } from '../factories/client-factory.js';
import { contactDetails } from '../factories/contact-factory.js';
import { aNewStaffMember } from '../factories/staff-member-factory.js';
import { forbidNonLoopbackConnections } from '../harness/loopback-guard.js';
import { startRegisterReceiver, type ReceivedRequest, type RegisterReceiver } from '../../tools/register-receiver/receiver.js';

/**
 * Issue 4's fault tests: the real outbox dispatcher, register handler and RestRegisterSink against
 * the reference receiver, when the register is throttled or down for a while, and when the worker
 * is SIGKILLed after the register committed a contact but before the worker recorded it as done.
 * Either way each contact must end up in the register exactly once.
 */
const TOKEN = 'register-faults-token';
const SINK_ID = 'k-api';
const MUNICIPALITIES = ['kontiolahti', 'liperi', 'outokumpu'];
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

let restoreNetwork: () => void;
let dir: string;
let receiver: RegisterReceiver;

beforeAll(() => {
  restoreNetwork = forbidNonLoopbackConnections();
});
afterAll(() => restoreNetwork());

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'register-faults-'));
  receiver = await startRegisterReceiver({ token: TOKEN, dbFile: join(dir, 'register.db') });
});
afterEach(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Neuvo's environment: local mode, SQLite in `dir`, one REST register for three municipalities. */
function neuvoEnv(extra: Record<string, string> = {}): Record<string, string> {
  const sinks = [{ id: SINK_ID, kind: 'rest', municipalities: MUNICIPALITIES, baseUrl: receiver.url, tokenSetting: 'REGISTER_TOKEN_K' }];
  return {
    NEUVO_MODE: 'local',
    HOST: '127.0.0.1',
    PORT: '0',
    NEUVO_DATA_DIR: join(dir, 'neuvo'),
    NEUVO_SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    REGISTER_SINKS: JSON.stringify(sinks),
    REGISTER_TOKEN_K: TOKEN,
    ...extra,
  };
}

/** Neuvo composed in this process as in production; the worker runs only through `runOnce()`. */
async function composeNeuvo(clock: () => Date): Promise<Neuvo> {
  return compose(loadConfig(neuvoEnv()), { clock, startWorker: false });
}

/**
 * Logs `count` walk-in contacts through the use case, for clients spread over the municipalities,
 * by a coordinator (who may log for any municipality). Each commits with its register delivery.
 */
async function logContacts(neuvo: Neuvo, clock: () => Date, count: number): Promise<{ deps: RegisterDeps; actor: RegisterActor; contacts: Contact[] }> {
  const deps: RegisterDeps = { uow: neuvo.uow, clock, registers: { sinkIdsFor: (m) => (MUNICIPALITIES.includes(m) ? [SINK_ID] : []) } };
  const coordinator = await neuvo.uow.staff.upsert(aNewStaffMember({ roles: ['coordinator'] }));
  const actor: RegisterActor = { tenantId: coordinator.tenantId, entraObjectId: coordinator.entraObjectId, channel: 'side_panel' };
  const contacts: Contact[] = [];
  for (let i = 0; i < count; i += 1) {
    const client = await neuvo.uow.clients.create(aNewClient({ municipalityCode: MUNICIPALITIES[i % MUNICIPALITIES.length]! }), clock());
    const logged = await logContact(deps, actor, { clientId: client.id }, contactDetails({ channel: 'walk_in' }));
    if (!logged.ok) throw new Error(`logContact refused: ${logged.reason}`);
    contacts.push(logged.contact);
  }
  return { deps, actor, contacts };
}

const keyOf = (contact: Pick<Contact, 'id'>, revision = 1) => registerIdempotencyKey({ sinkId: SINK_ID, contactId: contact.id, op: 'upsert', revision });
/** Contacts the register holds, as `id@revision`, sorted. */
const held = () => receiver.contacts().map((c) => `${c.contactKey}@${c.revision}`);
const expected = (contacts: readonly Contact[], revision = 1) => contacts.map((c) => `${c.id}@${revision}`).sort();

describe('the register answers 503 for a while, then 429 with Retry-After: 2', () => {
  let now: Date;
  let neuvo: Neuvo | undefined;
  const clock = () => now;
  afterEach(async () => {
    await neuvo?.stop();
    neuvo = undefined;
  });

  it('delivers every contact exactly once after recovery, no try before Retry-After, and a later correction once', async () => {
    now = new Date('2025-03-10T09:00:00.000Z');
    neuvo = await composeNeuvo(clock);
    const { deps, actor, contacts } = await logContacts(neuvo, clock, 10);
    // The first 12 requests get 503 (all 10 contacts once, 2 of them twice), the next 3 a 429 with
    // Retry-After: 2; then the register has recovered.
    receiver.failNext(12, { status: 503 });
    receiver.failNext(3, { status: 429, retryAfterSec: 2 });

    // The worker as it polls, on the test's clock: every 250 ms of fake time, until drained. Each
    // run's requests are kept with the clock at that run, so "when was each key tried" is known.
    const runs: { at: number; requests: ReceivedRequest[] }[] = [];
    for (let i = 0; i < 100 && (await neuvo.uow.outbox.countByStatus()).pending > 0; i += 1) {
      const before = receiver.requests().length;
      await neuvo.dispatcher.runOnce();
      runs.push({ at: now.getTime(), requests: receiver.requests().slice(before) });
      now = new Date(now.getTime() + 250);
    }

    expect(await neuvo.uow.outbox.countByStatus()).toEqual({ pending: 0, done: 10, dead: 0 });
    expect(held()).toEqual(expected(contacts));
    // One stored POST per contact: the faults stored nothing, and nothing was applied twice.
    const stored = runs.flatMap((r) => r.requests).filter((r) => r.status === 201 && !r.replayed);
    expect(stored.map((r) => r.idempotencyKey).sort()).toEqual(contacts.map((c) => keyOf(c)).sort());
    expect(runs.flatMap((r) => r.requests).filter((r) => r.status === 503)).toHaveLength(12);

    // Retry-After: each throttled key's next try comes 2 s (fake) or more after its 429, though
    // the worker ran in between (the 503s' backoff is under 2 s).
    const throttled = runs.flatMap((run) => run.requests.filter((r) => r.status === 429).map((r) => ({ key: r.idempotencyKey, at: run.at })));
    expect(throttled).toHaveLength(3);
    for (const { key, at } of throttled) {
      const next = runs.find((run) => run.at > at && run.requests.some((r) => r.idempotencyKey === key));
      expect(next?.at, `next try of ${key}`).toBeGreaterThanOrEqual(at + 2000);
      expect(runs.filter((run) => run.at > at && run.at < at + 2000).length).toBeGreaterThan(0);
    }

    // A correction after recovery arrives once, as revision 2, and the worker's later runs send nothing.
    const corrected = contacts[3]!;
    const correction = await correctContact(deps, actor, { contactId: corrected.id, expectedRevision: 1, details: contactDetails({ channel: 'walk_in', durationMinutes: 55 }), reason: 'Duration was wrong' });
    expect(correction.ok).toBe(true);
    const before = receiver.requests().length;
    for (let i = 0; i < 3; i += 1) await neuvo.dispatcher.runOnce();

    expect(receiver.requests().slice(before).map((r) => `${r.method} ${r.idempotencyKey} ${r.status}`)).toEqual([
      `POST ${keyOf(corrected, 2)} 409`,
      `PUT ${keyOf(corrected, 2)}:put 200`,
    ]);
    expect(held()).toEqual(expected(contacts).map((c) => (c === `${corrected.id}@1` ? `${corrected.id}@2` : c)));
    expect(receiver.contacts().find((c) => c.contactKey === corrected.id)?.fields).toMatchObject({ durationMinutes: 55 });
    expect(await neuvo.uow.outbox.countByStatus()).toEqual({ pending: 0, done: 11, dead: 0 });
  });
});

describe('the worker is SIGKILLed between the register call and its acknowledgement', () => {
  const LEASE_MS = 1500;
  const children: ChildProcessWithoutNullStreams[] = [];

  afterEach(async () => {
    // Even when the test failed half-way: no Neuvo process outlives it.
    await Promise.all(children.splice(0).map((child) => stopChild(child, 'SIGKILL')));
  });

  /** `node --import tsx src/index.ts` in local mode on the shared data dir; resolves once it listens. */
  async function startChild(): Promise<ChildProcessWithoutNullStreams> {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', ...neuvoEnv({ LOG_LEVEL: 'info', OUTBOX_POLL_MS: '50', OUTBOX_LEASE_MS: String(LEASE_MS) }) };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: REPO_ROOT, env, stdio: 'pipe' });
    children.push(child);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (text: string) => (output += text));
      child.stdout.on('data', (text: string) => {
        output += text;
        if (output.includes('"event":"started"')) resolve();
      });
      child.once('exit', (code, signal) => reject(new Error(`Neuvo exited (${code ?? signal}) before it started:\n${output.slice(-2000)}`)));
    });
    return child;
  }

  /** Outbox counts read from the data dir by this process (a reader beside a running child is fine: WAL). */
  async function outboxCounts(): Promise<Record<'pending' | 'done' | 'dead', number>> {
    const database = createDatabase({ kind: 'sqlite', dataDir: join(dir, 'neuvo') });
    try {
      return await new KyselyUnitOfWork(database.db, database.dialect).outbox.countByStatus();
    } finally {
      await database.close();
    }
  }

  it('leaves the rows pending, and a restarted worker replays them after the lease: one copy each in the register', async () => {
    // The contacts are written by Neuvo's own composition, then the database is closed for the child.
    const seeding = await composeNeuvo(() => new Date());
    const { contacts } = await logContacts(seeding, () => new Date(), 2);
    await seeding.stop();
    // The worker sends a batch's register deliveries at once. Each is committed at once, then
    // answered only after 5 s: long before that the test sees both copies and kills the worker,
    // which therefore never learns that the register took them.
    receiver.holdAnswerAfterCommit(contacts.length, 5_000);

    const doomed = await startChild();
    await vi.waitFor(() => expect(receiver.contacts()).toHaveLength(contacts.length), { timeout: 30_000, interval: 10 });
    await stopChild(doomed, 'SIGKILL');

    // Nothing recorded: the rows are still pending (leased by a dead worker), not done.
    expect(await outboxCounts()).toEqual({ pending: 2, done: 0, dead: 0 });
    expect(held()).toEqual(expected(contacts));

    const restarted = await startChild();
    await vi.waitFor(async () => expect(await outboxCounts()).toMatchObject({ pending: 0, done: 2 }), { timeout: 30_000, interval: 100 });
    await stopChild(restarted, 'SIGTERM');

    expect(await outboxCounts()).toEqual({ pending: 0, done: 2, dead: 0 });
    expect(held()).toEqual(expected(contacts));
    // The killed worker's requests again, under the same keys, answered from the register's
    // record (the held answers join the log when their hold ends, written to closed sockets).
    const trail = (contact: Contact) =>
      receiver
        .requests()
        .filter((r) => r.idempotencyKey === keyOf(contact))
        .map((r) => `${r.method} ${r.path} ${r.status}${r.replayed ? ' replayed' : ''}`)
        .sort();
    await vi.waitFor(() => expect(receiver.requests()).toHaveLength(2 * contacts.length), { timeout: 10_000, interval: 50 });
    for (const contact of contacts) expect(trail(contact)).toEqual(['POST /v1/contacts 201', 'POST /v1/contacts 201 replayed']);
    // Two cold starts of `tsx src/index.ts` take 5-7 s each on a loaded 2-core machine.
  }, 120_000);
});

/** Sends `signal` and resolves when the process has exited (at once if it already has). */
async function stopChild(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}
